-- The partners' returns: one row per submission, one row per value it carried.
-- History is never deleted: a rollback marks the submission, it does not remove it.
-- submission_id in the child tables has no foreign key: DuckDB refuses an UPDATE of a referenced
-- row (a rollback marks its submission), and the loader writes parent and children in one transaction.

create sequence if not exists submission_id_seq start 1;

create table submissions (
    submission_id   bigint primary key default nextval('submission_id_seq'),
    agencies        text not null,          -- comma-separated agency codes the file carried
    file_name       text not null,
    sha256          text not null,
    layout          text not null check (layout in ('template', 'long')),
    quarters        text not null,          -- comma-separated canonical quarter labels
    value_count     integer not null,
    warning_count   integer not null,
    loaded_by       text not null,
    loaded_at       timestamp not null,
    status          text not null default 'loaded' check (status in ('loaded', 'rolled_back')),
    rolled_back_by  text,
    rolled_back_at  timestamp
);

create table submission_values (
    submission_id   bigint not null,
    agency          text not null,
    quarter_start   date not null,
    measure         text not null,
    state           text not null check (state in ('number', 'missing', 'not_applicable', 'suppressed')),
    value           bigint check (value >= 0),
    commentary      text,
    source_cell     text,
    primary key (submission_id, agency, quarter_start, measure),
    check ((state = 'number') = (value is not null))
);

create table submission_warnings (
    submission_id   bigint not null,
    position        integer not null,
    sheet           text,
    cell            text,
    measure         text,
    found           text,
    message         text not null,
    fix             text,
    primary key (submission_id, position)
);

create table settings (
    key             text primary key,
    value           text,
    updated_by      text not null,
    updated_at      timestamp not null
);

create table population_overrides (
    year            integer primary key,     -- mid-year of the estimate (2024 serves 2024-25)
    population      bigint not null check (population > 0),
    updated_by      text not null,
    updated_at      timestamp not null
);

-- RAG limits: green when the tested figure lies in [green_lo, green_hi], amber in
-- [amber_lo, amber_hi], else red (a null limit is open). For method 'relative' the tested
-- figure is the distance from the comparator in percent of the comparator.
create table rag_thresholds (
    indicator_id    text primary key,
    method          text not null check (method in ('up', 'down', 'band', 'relative', 'none')),
    green_lo        double,
    green_hi        double,
    amber_lo        double,
    amber_hi        double,
    comparator      text check (comparator in ('england', 'region', 'neighbours')),
    updated_by      text not null,
    updated_at      timestamp not null
);

create table rag_threshold_history (
    indicator_id    text not null,
    method          text not null,
    green_lo        double,
    green_hi        double,
    amber_lo        double,
    amber_hi        double,
    comparator      text,
    updated_by      text not null,
    updated_at      timestamp not null
);

create table audit_log (
    happened_at     timestamp not null,
    who             text not null,
    action          text not null,
    detail          text
);

-- The measure catalogue (data/catalogue/measures.csv), refreshed each time the store opens.
create table catalogue_measures (
    code            text primary key,
    agency          text not null,
    basis           text not null check (basis in ('flow', 'stock')),
    label           text not null,
    sum_of          text,
    within          text
);
