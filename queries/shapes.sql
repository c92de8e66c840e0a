-- name: define_macros
-- The three shapes of an indicator, as table macros stored in the database so that an indicator file
-- (one call) runs on its own in the DuckDB shell. Each returns area, view, period_start, the numerator
-- and denominator with their statuses, and the value computed once as num / nullif(den, 0).
-- They read the staging views measure_periods and period_population by name, so a query that defines
-- CTEs of those names (safeguarding/marts.py: materialised copies) is read through them instead.
--
-- A percentage: 100 x numerator / denominator, both measures of the same period.
create or replace macro indicator_percent(numerator_code, denominator_code) as table
with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = numerator_code
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = denominator_code
),

final as (
    select
        area,
        view,
        period_start,
        numerator.value as numerator,
        numerator.status as numerator_status,
        denominator.value as denominator,
        denominator.status as denominator_status,
        100.0 * numerator.value / nullif(denominator.value, 0) as value
    from numerator
    inner join denominator using (area, view, period_start)
)

select * from final;

-- A rate per 10,000 children aged 0-17. Flows: the rolling 12 months ending in the quarter (the year's
-- total in the year view). Stocks: the count at the period's end.
create or replace macro indicator_rate(numerator_code) as table
with numerator as (
    select area, view, period_start, rolling_value as value, rolling_status as status
    from measure_periods
    where measure = numerator_code
),

denominator as (
    select area, view, period_start, value, status
    from period_population
),

final as (
    select
        area,
        view,
        period_start,
        numerator.value as numerator,
        numerator.status as numerator_status,
        denominator.value as denominator,
        denominator.status as denominator_status,
        10000.0 * numerator.value / nullif(denominator.value, 0) as value
    from numerator
    inner join denominator using (area, view, period_start)
)

select * from final;

-- A count in the period: no denominator.
create or replace macro indicator_count(numerator_code) as table
with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = numerator_code
),

final as (
    select
        area,
        view,
        period_start,
        numerator.value as numerator,
        numerator.status as numerator_status,
        cast(null as double) as denominator,
        cast(null as text) as denominator_status,
        cast(numerator.value as double) as value
    from numerator
)

select * from final;
