-- The partnership's DfE comparators (the staging view area_benchmarks) kept as a table: they change only
-- when the reference data, a loaded release or the partnership's authorities do, so rating the indicators
-- reads them instead of working them out again after every write (marts.refresh rebuilds them when needed).
create table area_benchmark_values (
    area                text not null,
    lait_code           text not null,
    year                integer not null,
    england             double,
    region              double,
    neighbours_mean     double,
    neighbours_count    bigint,
    la_value            double,
    la_value_code       text,
    la_quartile         integer
);
