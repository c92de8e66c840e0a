-- Statistical process control: where an indicator's process limits are recalculated (a change the
-- partnership made to the process), and each indicator's polarity for the variation verdict.
create table spc_baselines (
    indicator_id    text not null,
    view            text not null check (view in ('quarter', 'year')),
    start_period    date not null,
    updated_by      text not null,
    updated_at      timestamp not null,
    primary key (indicator_id, view, start_period)
);

alter table indicator_definitions add column polarity text;
