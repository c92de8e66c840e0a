-- name: standard_shapes
-- Every indicator whose file is one call of a shape macro (queries/shapes.sql), all at once: the same rows
-- as the calls, from one join of the staging data with each indicator's measure codes (indicator_definitions)
-- instead of one pass per indicator. $ids: the indicators to compute. A rate's denominator is the
-- population ('population' in its header); its numerator is the rolling 12 months (flows) or the count.
with measure_periods as materialized (select * from measure_periods),
definitions as (
    select indicator_id, unit, numerator as numerator_code, denominator as denominator_code
    from indicator_definitions
    where list_contains($ids, indicator_id)
),
denominators as (
    select measure as code, area, view, period_start, value, status
    from measure_periods
    union all
    select 'population' as code, area, view, period_start, value, status
    from period_population
),
final as (
    select
        d.indicator_id,
        n.area,
        n.view,
        n.period_start,
        case when d.unit = 'rate' then n.rolling_value else n.value end as numerator,
        case when d.unit = 'rate' then n.rolling_status else n.status end as numerator_status,
        cast(m.value as double) as denominator,
        m.status as denominator_status,
        case d.unit
            when 'percent' then 100.0 * n.value / nullif(m.value, 0)
            when 'rate' then 10000.0 * n.rolling_value / nullif(m.value, 0)
            else cast(n.value as double)
        end as value
    from definitions as d
    inner join measure_periods as n on d.numerator_code = n.measure
    left join denominators as m
        on
            d.denominator_code = m.code
            and n.area = m.area
            and n.view = m.view
            and n.period_start = m.period_start
    -- A percentage or rate needs its denominator's row, as the macros' inner joins do.
    where d.unit = 'count' or m.code is not null
)
select * from final;

-- name: area_benchmarks_current
-- True when area_benchmark_values holds the comparators of the partnership's area as it is now set.
select count(*) > 0 as current
from area_benchmark_values
where area = (select p.area from partnership as p);

-- name: forget_area_benchmarks
delete from area_benchmark_values;

-- name: keep_area_benchmarks
insert into area_benchmark_values by name
select * from area_benchmarks;
