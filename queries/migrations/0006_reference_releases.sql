-- Benchmark releases: DfE statistics files the analyst loads to refresh the shipped (LAIT) benchmarks.
-- Each release keeps its file's name, SHA-256, who loaded it and when, and its figures in the layout of
-- ref_benchmarks. The figures in force are the newest release's for a (code, year, area), else the shipped
-- ones (queries/reference.sql, benchmarks_in_force); removing every release restores the shipped data.

create table ref_releases (
    release_id      integer primary key,
    file_name       text not null,
    sha256          text not null,
    publication     text not null,          -- e.g. 'DfE, Children in need statistics'
    what            text not null,          -- e.g. 'referrals and re-referrals (c1)'
    first_year      integer not null,       -- DfE reporting years the file covers
    last_year       integer not null,
    loaded_at       timestamp not null,
    loaded_by       text not null
);

create table ref_release_values (
    release_id      integer not null,
    lait_code       text not null,
    year            integer not null,
    area_type       text not null check (area_type in ('england', 'region', 'la')),
    area_name       text not null,
    la_code         integer,
    value           double,
    value_code      text,
    check ((value is null) = (value_code is not null))
);
