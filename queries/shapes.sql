-- name: define_macros
-- The three shapes of an indicator, as table macros stored in the database so that an indicator file
-- (one call) runs on its own in the DuckDB shell. Each returns area, view, period_start, the numerator
-- and denominator with their statuses, and the value computed once as num / nullif(den, 0).
-- They read the staging views measure_periods and period_population by name, so a query that defines
-- CTEs of those names (safeguarding/marts.py: materialised copies) is read through them instead.
--
-- A ratio: scale x numerator / denominator. The denominator is a measure of the same period, or the
-- children aged 0-17 ('population'). With rolling, a flow's numerator is the rolling 12 months ending
-- in the quarter (the year's total in the year view); a stock's is always the count at the period's end.
create or replace macro indicator_ratio(numerator_code, denominator_code, scale, rolling) as table
with numerator as (
    select
        area,
        view,
        period_start,
        case when rolling then rolling_value else value end as value,
        case when rolling then rolling_status else status end as status
    from measure_periods
    where measure = numerator_code
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = denominator_code
    union all
    select area, view, period_start, value, status
    from period_population
    where denominator_code = 'population'
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
        scale * numerator.value / nullif(denominator.value, 0) as value
    from numerator
    inner join denominator using (area, view, period_start)
)

select * from final;

-- A percentage: 100 x numerator / denominator, both measures of the same period.
create or replace macro indicator_percent(numerator_code, denominator_code) as table
select * from indicator_ratio(numerator_code, denominator_code, 100.0, false);

-- A rate per 10,000 children aged 0-17, of the rolling 12 months for flows.
create or replace macro indicator_rate(numerator_code) as table
select * from indicator_ratio(numerator_code, 'population', 10000.0, true);

-- A count in the period: no denominator.
create or replace macro indicator_count(numerator_code) as table
select
    area,
    view,
    period_start,
    value as numerator,
    status as numerator_status,
    cast(null as double) as denominator,
    cast(null as text) as denominator_status,
    cast(value as double) as value
from measure_periods
where measure = numerator_code;
