-- name: audit
-- Record who made a write, when, and what it was.
insert into audit_log (happened_at, who, action, detail) values ($at, $who, $action, $detail);

-- name: get_setting
select value from settings where key = $key;

-- name: all_settings
select key, value, updated_by, updated_at from settings order by key;

-- name: put_setting
insert or replace into settings (key, value, updated_by, updated_at) values ($key, $value, $who, $at);

-- name: submission_by_sha
-- A loaded (not rolled back) submission of exactly these bytes.
select submission_id, file_name, loaded_by, loaded_at
from submissions
where sha256 = $sha256 and status = 'loaded'
order by submission_id desc
limit 1;

-- name: next_submission_id
-- The next submission's number, taken under the store's write lock (the shared store's PostgreSQL tables
-- take no RETURNING through DuckDB, so numbers are counted here rather than drawn from a sequence).
select coalesce(max(submission_id), 0) + 1 as next_id from submissions;

-- name: insert_submission
insert into submissions (submission_id, agencies, file_name, sha256, layout, quarters, value_count, warning_count,
                         loaded_by, loaded_at)
values ($submission_id, $agencies, $file_name, $sha256, $layout, $quarters, $value_count, $warning_count, $who,
        $at);

-- name: repeated_values
-- Any (agency, quarter, measure) that `incoming` holds more than once (the readers refuse such rows; this is
-- the store's own guard, run inside the load's transaction).
select agency, quarter_start, measure, count(*) as times
from incoming
group by agency, quarter_start, measure
having count(*) > 1
order by agency, quarter_start, measure
limit 5;

-- name: insert_values_from_frame
-- Copy the parsed values (a registered data frame named incoming) into the submission.
insert into submission_values
    (submission_id, agency, quarter_start, measure, state, value, commentary, source_cell)
select $submission_id, agency, quarter_start, measure, state, value, commentary, source_cell
from incoming;

-- name: insert_warnings_from_frame
-- Copy the warnings (a registered data frame named warnings_frame) into the submission.
insert into submission_warnings (submission_id, position, sheet, cell, measure, found, message, fix)
select $submission_id, position, sheet, cell, measure, found, message, fix
from warnings_frame;

-- name: loaded_submission
-- The submission, when it is loaded (not rolled back).
select submission_id from submissions where submission_id = $submission_id and status = 'loaded';

-- name: rollback_submission
update submissions
set status = 'rolled_back', rolled_back_by = $who, rolled_back_at = $at
where submission_id = $submission_id and status = 'loaded';

-- name: submissions
-- Every load, newest first, rolled-back ones included.
select submission_id, agencies, file_name, sha256, layout, quarters, value_count, warning_count,
       loaded_by, loaded_at, status, rolled_back_by, rolled_back_at
from submissions
order by submission_id desc;

-- name: submission_warnings
select position, sheet, cell, measure, found, message, fix
from submission_warnings
where submission_id = $submission_id
order by position;

-- name: thresholds
select indicator_id, method, green_lo, green_hi, amber_lo, amber_hi, comparator, updated_by, updated_at
from rag_thresholds
order by indicator_id;

-- name: put_threshold
insert or replace into rag_thresholds
    (indicator_id, method, green_lo, green_hi, amber_lo, amber_hi, comparator, updated_by, updated_at)
values ($indicator_id, $method, $green_lo, $green_hi, $amber_lo, $amber_hi, $comparator, $who, $at);

-- name: log_threshold
insert into rag_threshold_history
select indicator_id, method, green_lo, green_hi, amber_lo, amber_hi, comparator, updated_by, updated_at
from rag_thresholds
where indicator_id = $indicator_id;

-- name: population_overrides
select year, population, updated_by, updated_at from population_overrides order by year;

-- name: put_population_override
insert or replace into population_overrides (year, population, updated_by, updated_at)
values ($year, $population, $who, $at);

-- name: delete_population_override
delete from population_overrides where year = $year;

-- name: write_counter
-- The shared store's count of committed writes (its store_writes row lives in the partnership's PostgreSQL schema).
select counter from store_writes;
