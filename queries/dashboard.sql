-- Read-only questions the dashboard pages ask of the store (besides the rated indicators).

-- name: submission_tracker
-- Each agency in each quarter from the first to the last one loaded: who first sent figures and when,
-- and whether a later return changed any of them (a restatement). Rolled-back returns do not count;
-- a blank cell is not a figure.
with calendar as (
    select distinct quarter_start from quarter_calendar
),
agencies as (
    select distinct agency from catalogue_measures
),
sent as (
    select
        v.agency, v.quarter_start, v.measure, v.state, v.value, s.submission_id, s.file_name, s.loaded_by,
        s.loaded_at,
        lag(s.submission_id) over history as previous_submission,
        lag(v.state) over history as previous_state,
        lag(v.value) over history as previous_value
    from submission_values as v
    join submissions as s using (submission_id)
    where s.status = 'loaded' and v.state <> 'missing'
    window history as (partition by v.agency, v.quarter_start, v.measure order by s.submission_id)
),
flagged as (
    select
        *,
        previous_submission is not null
            and (state is distinct from previous_state or value is distinct from previous_value) as changed
    from sent
),
summary as (
    select
        agency,
        quarter_start,
        count(distinct measure) as measures_sent,
        arg_min(loaded_by, submission_id) as received_by,
        min(loaded_at) as received_at,
        arg_min(file_name, submission_id) as received_file,
        count(*) filter (where changed) as values_restated,
        arg_max(loaded_by, submission_id) filter (where changed) as restated_by,
        max(loaded_at) filter (where changed) as restated_at,
        arg_max(file_name, submission_id) filter (where changed) as restated_file
    from flagged
    group by agency, quarter_start
),
final as (
    select
        agencies.agency,
        calendar.quarter_start,
        case
            when summary.agency is null then 'missing'
            when summary.values_restated > 0 then 'restated'
            else 'received'
        end as status,
        coalesce(summary.measures_sent, 0) as measures_sent,
        summary.received_by,
        summary.received_at,
        summary.received_file,
        coalesce(summary.values_restated, 0) as values_restated,
        summary.restated_by,
        summary.restated_at,
        summary.restated_file
    from agencies
    cross join calendar
    left join summary using (agency, quarter_start)
    order by agencies.agency, calendar.quarter_start
)
select * from final;

-- name: open_warnings
-- Every warning raised when a return still in force was loaded, newest return first.
with loaded as (
    select submission_id, agencies, file_name, loaded_by, loaded_at
    from submissions
    where status = 'loaded'
),
final as (
    select
        loaded.submission_id, loaded.agencies, loaded.file_name, loaded.loaded_by, loaded.loaded_at,
        w.position, w.sheet, w.cell, w.measure, w.found, w.message, w.fix
    from submission_warnings as w
    join loaded using (submission_id)
    order by loaded.loaded_at desc, loaded.submission_id desc, w.position asc
)
select * from final;

-- name: commentary
-- The partners' narrative for the given measures ($measures, a list of codes), newest quarter first.
with notes as (
    select c.agency, c.quarter_start, c.measure, c.commentary, c.submission_id
    from current_values as c
    where list_contains($measures, c.measure) and c.commentary is not null and trim(c.commentary) <> ''
),
final as (
    select notes.quarter_start, notes.agency, notes.measure, notes.commentary, s.loaded_by, s.loaded_at
    from notes
    join submissions as s using (submission_id)
    order by notes.quarter_start desc, notes.agency asc, notes.measure asc
)
select * from final;

-- name: benchmark_source
-- The publication a DfE benchmark (LAIT code $lait_code) comes from.
select title, source, source_url
from ref_benchmark_measures
where lait_code = $lait_code;

-- name: value_sources
-- Which loaded return each value in force came from, to tell a warning a later return has since corrected.
select agency, quarter_start, measure, submission_id
from current_values;

-- name: benchmark_units
-- The unit DfE publishes each benchmark code in ('Rate per 10,000', '% of referrals', ...).
select lait_code, unit
from ref_benchmark_measures
order by lait_code;
