-- The learning loop's named queries: challenges, the business plan and the yearly report's text.

-- name: next_challenge_id
-- The next challenge's number, taken under the store's write lock (as next_submission_id in store.sql).
select coalesce(max(challenge_id), 0) + 1 as next_id from challenges;

-- name: open_challenge
select challenge_id from challenges where challenge_id = $challenge_id and status = 'open';

-- name: insert_challenge
insert into challenges (challenge_id, indicator_id, view, period_start, agency, question, due_meeting, raised_by,
                        raised_at)
values ($challenge_id, $indicator_id, $view, $period_start, $agency, $question, $due_meeting, $who, $at);

-- name: answer_challenge
-- Only an open challenge can be answered; an answer is never overwritten.
update challenges
set status = 'answered', answer = $answer, answered_by = $who, answered_at = $at
where challenge_id = $challenge_id and status = 'open';

-- name: withdraw_challenge
update challenges
set status = 'withdrawn', withdrawn_by = $who, withdrawn_at = $at, withdrawn_why = $why
where challenge_id = $challenge_id and status = 'open';

-- name: challenges
-- Every challenge, filtered by agency, status, due meeting and indicator (a null filter lets all through).
select challenge_id, indicator_id, view, period_start, agency, question, due_meeting, status,
       raised_by, raised_at, answer, answered_by, answered_at, withdrawn_by, withdrawn_at, withdrawn_why
from challenges
where ($agency is null or agency = $agency)
  and ($status is null or status = $status)
  and ($due_meeting is null or due_meeting = $due_meeting)
  and ($indicator_id is null or indicator_id = $indicator_id)
order by due_meeting, challenge_id;

-- name: meetings
-- The meeting dates challenges are due at, soonest first.
select distinct due_meeting from challenges order by due_meeting;

-- name: upsert_priority
-- The number is counted under the store's write lock (as next_submission_id in store.sql): through DuckDB an
-- upsert into the shared store's PostgreSQL table sends every column, so a sequence's default is never used.
insert into priorities (priority_id, ref, title, description, updated_by, updated_at)
values ((select coalesce(max(p.priority_id), 0) + 1 from priorities as p), $ref, $title, $description, $who, $at)
on conflict (ref) do update
set title = excluded.title, description = excluded.description, updated_by = excluded.updated_by,
    updated_at = excluded.updated_at;

-- name: priorities
select ref, title, description, updated_by, updated_at from priorities order by ref;

-- name: insert_action_version
insert into plan_actions (ref, version, priority_ref, title, owner, due, status, evidence, indicators,
                          updated_by, updated_at)
values ($ref, $version, $priority_ref, $title, $owner, $due, $status, $evidence, $indicators, $who, $at);

-- name: current_actions
-- Each action as it stands now (its latest version).
select ref, version, priority_ref, title, owner, due, status, evidence, indicators, updated_by, updated_at
from plan_actions
qualify version = max(version) over (partition by ref)
order by priority_ref, ref;

-- name: action_history
select ref, version, priority_ref, title, owner, due, status, evidence, indicators, updated_by, updated_at
from plan_actions
where ref = $ref
order by version;

-- name: put_report_text
insert into report_text (fy_start, section, version, body, written_by, written_at)
select
    $fy_start as year_start,
    $section as section_key,
    coalesce(max(version), 0) + 1 as next_version,
    $body as text_body,
    $who as author,
    $at as saved_at
from report_text
where fy_start = $fy_start and section = $section;

-- name: report_text
-- The newest text of each section of one year's report.
select section, version, body, written_by, written_at
from report_text
where fy_start = $fy_start
qualify version = max(version) over (partition by section);

-- name: report_text_history
select section, version, body, written_by, written_at
from report_text
where fy_start = $fy_start and section = $section
order by version desc;
