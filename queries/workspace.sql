-- The analyst's workspace: submission history, rollback, settings and threshold changes.

-- name: submission
-- One submission, whatever its status.
select submission_id, agencies, file_name, sha256, layout, quarters, value_count, warning_count,
       loaded_by, loaded_at, status, rolled_back_by, rolled_back_at
from submissions
where submission_id = $submission_id;

-- name: values_in_force
-- How many of a submission's values are the ones in force now (what a rollback would withdraw).
select count(*) as in_force
from current_values
where submission_id = $submission_id;

-- name: submission_values_in_force
-- A submission's values, each marked whether it is the value in force now.
with sent as (
    select agency, quarter_start, measure, state, value, commentary, source_cell
    from submission_values
    where submission_id = $submission_id
),
final as (
    select sent.*, c.submission_id is not null as in_force
    from sent
    left join current_values as c
        on c.agency = sent.agency and c.quarter_start = sent.quarter_start and c.measure = sent.measure
       and c.submission_id = $submission_id
    order by sent.agency, sent.measure, sent.quarter_start
)
select * from final;

-- name: threshold
-- One indicator's stored limits, with who set them and when.
select indicator_id, method, green_lo, green_hi, amber_lo, amber_hi, comparator, updated_by, updated_at
from rag_thresholds
where indicator_id = $indicator_id;

-- name: shadow_thresholds
-- On this cursor only, rate with proposed limits: a temporary view named like the stored table hides it
-- (DuckDB looks in the temp schema first), so the rating query runs unchanged. Needs the registered frame
-- proposed_thresholds with the stored table's columns.
create or replace temp view rag_thresholds as
select indicator_id, method, green_lo, green_hi, amber_lo, amber_hi, comparator, updated_by, updated_at
from proposed_thresholds;

-- name: unshadow_thresholds
drop view if exists temp.rag_thresholds;

-- name: changes_by_action
-- The latest audit entries of the given kinds (settings, thresholds ...), newest first.
select happened_at, who, action, detail
from audit_log
where list_contains($actions, action)
order by happened_at desc
limit $limit;

-- name: loaded_financial_years
-- The financial years (by the year they start in) from the first to the last quarter loaded.
select distinct year(quarter_start) - (month(quarter_start) < 4)::int as fy_start
from quarter_calendar
order by fy_start;

-- name: threshold_changes
-- Every saved change to one indicator's limits, newest first (rowid breaks ties within a second).
select indicator_id, method, green_lo, green_hi, amber_lo, amber_hi, comparator, updated_by, updated_at
from rag_threshold_history
where indicator_id = $indicator_id
order by updated_at desc, rowid desc;
