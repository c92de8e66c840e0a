-- submission_values without its primary key. A submission's values are unique per (agency, quarter, measure):
-- the readers refuse a repeated row and the loader checks again inside the load's transaction
-- (queries/store.sql, repeated_values). The key's index made a 200,000-value load about a third slower
-- and served no query (DuckDB reads this table by scans).
create table submission_values_unindexed (
    submission_id   bigint not null,
    agency          text not null,
    quarter_start   date not null,
    measure         text not null,
    state           text not null check (state in ('number', 'missing', 'not_applicable', 'suppressed')),
    value           bigint check (value >= 0),
    commentary      text,
    source_cell     text,
    check ((state = 'number') = (value is not null))
);
insert into submission_values_unindexed select * from submission_values;
drop table submission_values;
alter table submission_values_unindexed rename to submission_values;
