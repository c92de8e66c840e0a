-- name: standard_shapes
-- Every indicator whose file is one call of a shape macro (queries/shapes.sql), for all of them at once:
-- the same rows as the calls, from one join of the staging data with each indicator's measure codes
-- (indicator_definitions) instead of one pass per indicator. $ids: the indicators to compute.
with measure_periods as materialized (select * from measure_periods),
definitions as (
    select indicator_id, unit, numerator as numerator_code, denominator as denominator_code
    from indicator_definitions
    where list_contains($ids, indicator_id)
),
percents as (
    select
        d.indicator_id, n.area, n.view, n.period_start,
        n.value as numerator, n.status as numerator_status,
        m.value as denominator, m.status as denominator_status,
        100.0 * n.value / nullif(m.value, 0) as value
    from definitions as d
    inner join measure_periods as n on n.measure = d.numerator_code
    inner join measure_periods as m
        on m.measure = d.denominator_code and m.area = n.area and m.view = n.view and m.period_start = n.period_start
    where d.unit = 'percent'
),
rates as (
    select
        d.indicator_id, n.area, n.view, n.period_start,
        n.rolling_value as numerator, n.rolling_status as numerator_status,
        p.value as denominator, p.status as denominator_status,
        10000.0 * n.rolling_value / nullif(p.value, 0) as value
    from definitions as d
    inner join measure_periods as n on n.measure = d.numerator_code
    inner join period_population as p on p.area = n.area and p.view = n.view and p.period_start = n.period_start
    where d.unit = 'rate'
),
counts as (
    select
        d.indicator_id, n.area, n.view, n.period_start,
        n.value as numerator, n.status as numerator_status,
        cast(null as double) as denominator, cast(null as text) as denominator_status,
        cast(n.value as double) as value
    from definitions as d
    inner join measure_periods as n on n.measure = d.numerator_code
    where d.unit = 'count'
)
select * from percents
union all
select * from rates
union all
select * from counts;
