-- name: absent_measures
-- Catalogue measures of the file's agencies that the file does not carry at all.
with sent as (
    select distinct agency, measure from incoming
),
final as (
    select m.agency, m.code as measure, m.label
    from catalogue_measures as m
    where m.agency in (select agency from sent)
        and not exists (select 1 from sent where sent.agency = m.agency and sent.measure = m.code)
)
-- At most $listed rows, each with how many there are in all (the rest are counted, not listed).
select *, count(*) over () as found
from final
order by agency, measure
limit $listed;

-- name: parts_not_adding_up
-- Wholes whose parts were all sent as numbers but do not add up to the whole.
with parts as (
    select i.agency, i.quarter_start, m.sum_of as whole,
           count(*) filter (where i.state = 'number') as numbers, sum(i.value) as parts_total
    from incoming as i
    join catalogue_measures as m on m.code = i.measure
    where m.sum_of is not null
    group by all
),
expected as (
    select sum_of as whole, count(*) as parts_expected
    from catalogue_measures
    where sum_of is not null
    group by sum_of
),
final as (
    select w.agency, w.quarter_start, w.measure, w.value, w.source_cell, parts.parts_total,
           expected.parts_expected
    from parts
    join expected using (whole)
    join incoming as w
        on w.agency = parts.agency and w.quarter_start = parts.quarter_start and w.measure = parts.whole
    where w.state = 'number' and parts.numbers = expected.parts_expected and parts.parts_total <> w.value
)
-- At most $listed rows, each with how many there are in all (the rest are counted, not listed).
select *, count(*) over () as found
from final
order by agency, measure, quarter_start
limit $listed;

-- name: part_above_whole
-- Values larger than the measure they are a subset of (from the file, else as stored).
with final as (
    select p.agency, p.quarter_start, p.measure, p.value, p.source_cell, m.within as whole,
           coalesce(w.value, c.value) as whole_value
    from incoming as p
    join catalogue_measures as m on m.code = p.measure and m.within is not null
    left join incoming as w
        on w.agency = p.agency and w.quarter_start = p.quarter_start and w.measure = m.within and w.state = 'number'
    left join current_values as c
        on c.agency = p.agency and c.quarter_start = p.quarter_start and c.measure = m.within and c.state = 'number'
    where p.state = 'number' and p.value > coalesce(w.value, c.value)
)
-- At most $listed rows, each with how many there are in all (the rest are counted, not listed).
select *, count(*) over () as found
from final
order by agency, measure, quarter_start
limit $listed;

-- name: sharp_changes
-- Values far from the agency's own previous four quarters, and zeros where history never was zero.
-- Sharp: more than $ratio (as a fraction) and more than $floor away from the previous mean.
with stored as (
    select c.agency, c.quarter_start, c.measure, c.value
    from current_values as c
    where c.state = 'number'
        and c.agency in (select agency from incoming)
        and not exists (
            select 1 from incoming as i
            where i.agency = c.agency and i.quarter_start = c.quarter_start and i.measure = c.measure
        )
),
history as (
    select agency, quarter_start, measure, value from stored
    union all
    select agency, quarter_start, measure, value from incoming where state = 'number'
),
windowed as (
    select
        *,
        avg(value) over previous as previous_mean,
        min(value) over previous as previous_min,
        count(value) over previous as previous_count
    from history
    window previous as (partition by agency, measure order by quarter_start rows between 4 preceding and 1 preceding)
),
final as (
    select w.agency, w.quarter_start, w.measure, w.value, i.source_cell, w.previous_mean, w.previous_count,
           w.value = 0 and w.previous_min > 0 as unexpected_zero
    from windowed as w
    join incoming as i using (agency, quarter_start, measure)
    where w.previous_count >= 2
        and (
            (w.value = 0 and w.previous_min > 0 and w.previous_count >= 3)
            or abs(w.value - w.previous_mean) > greatest($ratio * w.previous_mean, $floor)
        )
)
-- At most $listed rows, each with how many there are in all (the rest are counted, not listed).
select *, count(*) over () as found
from final
order by agency, measure, quarter_start
limit $listed;

-- name: changes
-- Every value of the file against the value in force: new, restated or unchanged.
with final as (
    select
        i.agency, i.quarter_start, i.measure, i.source_cell,
        c.state as old_state, c.value as old_value, i.state as new_state, i.value as new_value,
        c.submission_id as old_submission,
        case
            when c.measure is null then 'new'
            when i.state = 'missing' then 'unchanged'
            when (c.state is distinct from i.state or c.value is distinct from i.value) then 'restated'
            else 'unchanged'
        end as change
    from incoming as i
    left join current_values as c using (agency, quarter_start, measure)
    order by i.agency, i.measure, i.quarter_start
)
select * from final;

-- name: restated_quarters
-- Quarters of the file already loaded for the agency, with where they came from.
with loaded as (
    select distinct c.agency, c.quarter_start, s.file_name, s.loaded_by, s.loaded_at
    from current_values as c
    join submissions as s using (submission_id)
    where (c.agency, c.quarter_start) in (select agency, quarter_start from incoming)
),
final as (
    select agency, quarter_start, string_agg(distinct file_name, ', ') as files,
           max(loaded_at) as loaded_at, string_agg(distinct loaded_by, ', ') as loaded_by
    from loaded
    group by agency, quarter_start
    order by agency, quarter_start
)
select * from final;
