-- name: define_constants
-- The smallest denominator a percentage is rated on: the one place it lives (Python reads it too).
create or replace macro rag_min_denominator() as 10;
-- The fewest shown figures an indicator is placed in fifths of the region on (region_fifth below).
create or replace macro region_fifths_min() as 5;

-- name: define_macros
-- The single RAG rule. Green when the tested figure lies within [green_lo, green_hi], amber within
-- [amber_lo, amber_hi], else red (a null limit is open). The tested figure is the value itself, or for
-- 'relative' limits its distance from the comparator in percent of the comparator. Grey: no value, a
-- context indicator, a percentage with fewer than rag_min_denominator() in its denominator, or no
-- comparator to judge by. Rounded to 9 places so that binary fractions do not move a value across a
-- limit it sits on.
create or replace macro rag_tested(value, method, comparator_value) as
    round(case when method = 'relative' then abs(value - comparator_value) / comparator_value * 100 else value end, 9);
create or replace macro rag_within(x, lo, hi) as (lo is null or x >= lo) and (hi is null or x <= hi);
create or replace macro rag_of(value, denominator, unit, method, green_lo, green_hi, amber_lo, amber_hi,
                               comparator_value) as
    case
        when value is null or method is null or method = 'none' then 'grey'
        when unit = 'percent' and denominator < rag_min_denominator() then 'grey'
        when method = 'relative' and (comparator_value is null or comparator_value = 0) then 'grey'
        when rag_within(rag_tested(value, method, comparator_value), green_lo, green_hi) then 'green'
        when rag_within(rag_tested(value, method, comparator_value), amber_lo, amber_hi) then 'amber'
        else 'red'
    end;
-- A figure's fifth of the region (1 = lowest values ... 5 = highest) among the partnerships whose figure is shown:
-- its mid-rank (tied figures share it) as a fraction of the way from lowest to highest, in fifths, a fraction on
-- a boundary going to the fifth nearer the middle so that the top and bottom fifths are the same size. Fewer
-- than region_fifths_min() shown figures: no fifths (the lowest of three is not a "bottom fifth"). Integer
-- arithmetic throughout, so no boundary moves by a binary fraction.
create or replace macro region_fifth(low_rank, high_rank, ranked) as
    case
        when ranked < region_fifths_min() then null
        when low_rank + high_rank - 2 <= ranked - 1 then (5 * (low_rank + high_rank - 2)) // (2 * (ranked - 1)) + 1
        else 5 - (5 * (2 * (ranked - 1) - (low_rank + high_rank - 2))) // (2 * (ranked - 1))
    end;
-- One state per figure, each with its own word and symbol (safeguarding/rag.py): the rating when there is
-- one, else why there is none. A partner's '<5' is 'suppressed'; a value that rag_of left grey for a
-- reason other than missing data, context or a missing comparator is 'too_few' (the denominator minimum).
create or replace macro state_of(rag, value, method, comparator_value, numerator_status, denominator_status) as
    case
        when rag <> 'grey' then rag
        when numerator_status = 'suppressed' or denominator_status = 'suppressed' then 'suppressed'
        when value is null then 'no_data'
        when method is null or method = 'none' then 'context'
        when method = 'relative' and (comparator_value is null or comparator_value = 0) then 'no_data'
        else 'too_few'
    end;

-- name: constants
-- The rule's constants, for the sentences Python writes.
select rag_min_denominator() as min_denominator, region_fifths_min() as fifths_min;

-- name: rated
-- Every indicator value with its benchmarks (the DfE year of the period, else the latest earlier one),
-- its limits and its rating. $view: 'quarter', 'year', or null for both.
with indicator_rows as not materialized (
    select
        v.*,
        d.unit,
        d.benchmark,
        year(v.period_start) - (month(v.period_start) < 4)::int + 1 as dfe_year
    from indicator_values as v
    join indicator_definitions as d using (indicator_id)
    where $view is null or v.view = $view
),
benchmarks as (
    select area, lait_code, year, england, region, neighbours_mean, neighbours_count, la_value, la_quartile
    from area_benchmark_values
    where england is not null
),
-- The as-of match runs once per (area, benchmark, DfE year), far fewer than the values, then joins back.
benchmark_keys as (
    select distinct area, benchmark, dfe_year from indicator_rows
),
benchmark_of as (
    select
        k.area,
        k.benchmark,
        k.dfe_year,
        b.year as benchmark_dfe_year,
        b.england,
        b.region,
        b.neighbours_mean as neighbours,
        b.neighbours_count,
        b.la_value as la_published,
        b.la_quartile
    from benchmark_keys as k
    asof left join benchmarks as b
        on b.area = k.area and b.lait_code = k.benchmark and k.dfe_year >= b.year
),
matched as (
    select
        r.*,
        o.benchmark_dfe_year,
        o.england,
        o.region,
        o.neighbours,
        o.neighbours_count,
        o.la_published,
        o.la_quartile
    from indicator_rows as r
    left join benchmark_of as o
        on o.area = r.area and o.benchmark is not distinct from r.benchmark and o.dfe_year = r.dfe_year
),
limited as (
    select
        m.*,
        t.method,
        t.green_lo,
        t.green_hi,
        t.amber_lo,
        t.amber_hi,
        coalesce(t.comparator, 'england') as comparator,
        case coalesce(t.comparator, 'england')
            when 'england' then m.england
            when 'region' then m.region
            else m.neighbours
        end as comparator_value
    from matched as m
    left join rag_thresholds as t using (indicator_id)
),
rated as (
    select
        *,
        rag_of(value, denominator, unit, method, green_lo, green_hi, amber_lo, amber_hi, comparator_value) as rag
    from limited
),
stated as (
    select
        *,
        state_of(rag, value, method, comparator_value, numerator_status, denominator_status) as state
    from rated
),
-- Only what the pages read: fewer columns to sort and hand to pandas.
final as (
    select
        indicator_id, view, period_start, value, numerator, denominator, numerator_status, denominator_status,
        rag, england, region, neighbours, neighbours_count, benchmark_dfe_year, dfe_year, la_published,
        la_quartile, comparator, comparator_value, method, state
    from stated
    order by indicator_id, view, period_start
)
select * from final;
