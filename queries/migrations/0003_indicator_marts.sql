-- Indicator definitions (from the headers of queries/indicators/*.sql), refreshed when the store opens,
-- and the materialised indicator values, rebuilt on the first read after a write (Store.fresh).
create table indicator_definitions (
    indicator_id    text primary key,
    title           text not null,
    theme           text not null,
    unit            text not null check (unit in ('percent', 'rate', 'count')),
    numerator       text not null,
    denominator     text,
    benchmark       text
);

create table indicator_values (
    indicator_id        text not null,
    area                text not null,
    view                text not null,
    period_start        date not null,
    numerator           double,
    numerator_status    text,
    denominator         double,
    denominator_status  text,
    value               double
);
