-- Published reference data (DfE, ONS; OGL v3.0), loaded from data/reference/*.csv by
-- safeguarding.reference.load_reference whenever those files change. Never edited in the app.

create table ref_local_authorities (
    la_code         integer primary key,    -- old 3-digit DfE code, e.g. 884
    la_name         text not null,          -- as LAIT names it
    region_name     text not null,          -- spelt as LAIT's region rows, e.g. 'London (Inner)'
    new_la_code     text                    -- ONS code, e.g. E06000019
);

create table ref_population (
    area_type       text not null check (area_type in ('england', 'region', 'la')),
    area_name       text not null,
    la_code         integer,                -- null unless area_type = 'la'
    year            integer not null,       -- ONS mid-year (2024 serves 2024-25)
    population      bigint not null         -- children aged 0-17
);

create table ref_benchmarks (
    lait_code       text not null,          -- LAIT `Short Desc`, e.g. CPP_rate
    year            integer not null,       -- DfE reporting year: 2025 = year ending 31 March 2025
    area_type       text not null check (area_type in ('england', 'region', 'la')),
    area_name       text not null,
    la_code         integer,                -- null unless area_type = 'la'
    value           double,                 -- null when the figure is a text code
    value_code      text,                   -- c, x, z, u, k or '-' when value is null
    check ((value is null) = (value_code is not null))
);

create table ref_benchmark_measures (
    lait_code       text primary key,
    title           text not null,
    polarity        text not null check (polarity in ('High', 'Low', '-')),  -- High: high is good
    unit            text,
    dps             integer not null,       -- decimal places DfE publishes
    source          text not null,          -- credit, e.g. 'DfE, Children in need statistics, via LAIT'
    year_type       text,                   -- Financial Year, Annual, Calendar Year
    source_url      text
);

create table ref_neighbours (
    la_code             integer not null,
    rank                integer not null check (rank between 1 and 10),
    neighbour_la_code   integer not null,
    closeness           text,               -- SN model 2025: Extremely close .. Not close
    primary key (la_code, rank)
);
