-- Questions about whether a figure can be trusted, asked of the values in force (trust flags).

-- name: zero_never_zero
-- Values of 0 where the agency's previous eight quarters (at least three of them sent) were never 0.
with numbers as (
    select agency, quarter_start, measure, value
    from current_values
    where state = 'number'
),
windowed as (
    select
        *,
        min(value) over previous as previous_min,
        count(value) over previous as previous_count
    from numbers
    window previous as (partition by agency, measure order by quarter_start rows between 8 preceding and 1 preceding)
),
final as (
    select agency, quarter_start, measure, previous_count
    from windowed
    where value = 0 and previous_count >= 3 and previous_min > 0
)
select * from final
order by agency, measure, quarter_start;

-- name: restated_since
-- Values in force that a return loaded after $cutoff changed (an earlier loaded value differed).
with loaded as (
    select v.agency, v.quarter_start, v.measure, v.state, v.value, s.submission_id, s.file_name, s.loaded_by,
           s.loaded_at
    from submission_values as v
    join submissions as s using (submission_id)
    where s.status = 'loaded' and v.state <> 'missing'
),
history as (
    select
        *,
        lag(state) over versions as old_state,
        lag(value) over versions as old_value,
        lag(submission_id) over versions as old_submission
    from loaded
    window versions as (partition by agency, quarter_start, measure order by submission_id)
),
final as (
    select h.agency, h.quarter_start, h.measure, h.old_value, h.value as new_value, h.file_name, h.loaded_by,
           h.loaded_at
    from history as h
    join current_values as c using (agency, quarter_start, measure, submission_id)
    where h.old_submission is not null
        and (h.state is distinct from h.old_state or h.value is distinct from h.old_value)
        and h.loaded_at > $cutoff
)
select * from final
order by agency, measure, quarter_start;

-- name: quarter_first_loaded
-- When figures for each quarter were first loaded (by any agency, from a return still in force).
select v.quarter_start, min(s.loaded_at) as first_loaded
from submission_values as v
join submissions as s using (submission_id)
where s.status = 'loaded' and v.state <> 'missing'
group by v.quarter_start
order by v.quarter_start;

-- name: period_commentary
-- Partners' commentary for the quarters from $first to $last, newest quarter first, every measure.
select agency, quarter_start, measure, trim(commentary) as commentary
from current_values
where quarter_start between $first and $last
    and commentary is not null
    and trim(commentary) <> ''
order by quarter_start desc, agency, measure;
