-- The partnership's learning loop: questions asked of agencies about figures, the business plan's
-- priorities and actions, and the text of the yearly report. Nothing here is ever deleted: a challenge
-- is withdrawn, an action is closed, and every change to an action or to report text keeps the old row.

create sequence if not exists challenge_id_seq start 1;

create table challenges (
    challenge_id    bigint primary key default nextval('challenge_id_seq'),
    indicator_id    text not null,
    view            text not null check (view in ('quarter', 'year')),
    period_start    date not null,
    agency          text not null,
    question        text not null,
    due_meeting     date not null,
    status          text not null default 'open' check (status in ('open', 'answered', 'withdrawn')),
    raised_by       text not null,
    raised_at       timestamp not null,
    answer          text,
    answered_by     text,
    answered_at     timestamp,
    withdrawn_by    text,
    withdrawn_at    timestamp,
    withdrawn_why   text
);

create sequence if not exists priority_id_seq start 1;

create table priorities (
    priority_id     bigint primary key default nextval('priority_id_seq'),
    ref             text not null unique,       -- the business plan's own reference, e.g. 'P1'
    title           text not null,
    description     text,
    updated_by      text not null,
    updated_at      timestamp not null
);

create table plan_actions (
    ref             text not null,              -- the business plan's own reference, e.g. 'P1.2'
    version         integer not null,           -- 1, 2, ...: every change keeps the row before it
    priority_ref    text not null,
    title           text not null,
    owner           text not null,
    due             date,
    status          text not null check (status in ('not_started', 'on_track', 'at_risk', 'off_track',
                                                    'complete', 'closed')),
    evidence        text,
    indicators      text not null default '',   -- comma-separated indicator ids the action should move
    updated_by      text not null,
    updated_at      timestamp not null,
    primary key (ref, version)
);

create table report_text (
    fy_start        integer not null,           -- 2024 for 2024-25
    section         text not null,
    version         integer not null,
    body            text not null,
    written_by      text not null,
    written_at      timestamp not null,
    primary key (fy_start, section, version)
);
