-- Published reference data: loading the committed CSVs and serving benchmarks.
-- Tables are created by migrations/0002_reference.sql; the CSVs come from scripts/build_reference.py.

-- name: clear_reference
-- Empty every ref_ table before a reload (runs inside the caller's transaction).
delete from ref_local_authorities;
delete from ref_population;
delete from ref_benchmarks;
delete from ref_benchmark_measures;
delete from ref_neighbours;

-- name: load_local_authorities
-- Insert data/reference/local_authorities.csv ($path).
insert into ref_local_authorities (la_code, la_name, region_name, new_la_code)
select * from read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'la_code': 'INTEGER', 'la_name': 'VARCHAR', 'region_name': 'VARCHAR', 'new_la_code': 'VARCHAR'});

-- name: load_population
-- Insert data/reference/population.csv ($path).
insert into ref_population (area_type, area_name, la_code, year, population)
select * from read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'area_type': 'VARCHAR', 'area_name': 'VARCHAR', 'la_code': 'INTEGER', 'year': 'INTEGER',
               'population': 'BIGINT'});

-- name: load_benchmarks
-- Insert data/reference/benchmarks.csv ($path); a blank value_code (numeric value) becomes null.
insert into ref_benchmarks (lait_code, year, area_type, area_name, la_code, value, value_code)
select * from read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'lait_code': 'VARCHAR', 'year': 'INTEGER', 'area_type': 'VARCHAR', 'area_name': 'VARCHAR',
               'la_code': 'INTEGER', 'value': 'DOUBLE', 'value_code': 'VARCHAR'});

-- name: load_benchmark_measures
-- Insert data/reference/benchmark_measures.csv ($path).
insert into ref_benchmark_measures (lait_code, title, polarity, unit, dps, source, year_type, source_url)
select * from read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'lait_code': 'VARCHAR', 'title': 'VARCHAR', 'polarity': 'VARCHAR', 'unit': 'VARCHAR',
               'dps': 'INTEGER', 'source': 'VARCHAR', 'year_type': 'VARCHAR', 'source_url': 'VARCHAR'});

-- name: load_neighbours
-- Insert data/reference/neighbours.csv ($path).
insert into ref_neighbours (la_code, rank, neighbour_la_code, closeness)
select * from read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'la_code': 'INTEGER', 'rank': 'INTEGER', 'neighbour_la_code': 'INTEGER', 'closeness': 'VARCHAR'});

-- name: list_local_authorities
-- Every current local authority, by name.
select la_code, la_name, region_name
from ref_local_authorities
order by la_name, la_code;

-- name: population_for
-- The LA's children aged 0-17 at ONS mid-year $year, else the latest earlier published year.
select population, year
from ref_population
where area_type = 'la' and la_code = $la_code and year <= $year
order by year desc
limit 1;

-- name: la_details
-- One LA's name, region and ONS code.
select la_code, la_name, region_name, new_la_code
from ref_local_authorities
where la_code = $la_code;

-- name: la_neighbours
-- One LA's ten statistical neighbours in rank order, with their names (null if not a current LA).
select n.rank, n.neighbour_la_code, la.la_name, la.region_name, n.closeness
from ref_neighbours as n
left join ref_local_authorities as la on la.la_code = n.neighbour_la_code
where n.la_code = $la_code
order by n.rank;

-- name: build_la_benchmarks
-- Every LA's comparators per (lait_code, year), kept as a table beside the published figures:
-- England, the LA's region, the mean of its 10 statistical neighbours' numeric values
-- (neighbours_count = how many were numeric; null when none), the LA's own value or text code,
-- and its quartile among all LAs with a numeric value that year:
-- 1 + floor(4 * (LAs with a lower value) / (LAs with a value)), so 1 = lowest quarter, ties share one.
-- Every LA that has figures is covered (City of London and former councils included), and la_code 0
-- stands for a partnership whose LA is not set yet: it gets England alone.
create or replace table ref_la_benchmarks as
with areas as (
    select la_code from ref_local_authorities
    union
    select la_code from ref_benchmarks where area_type = 'la'
    union
    select 0
),
la_values as (
    select lait_code, year, la_code, value, value_code
    from ref_benchmarks
    where area_type = 'la'
),
ranked as (
    select
        *,
        count(value) over (partition by lait_code, year) as la_count,
        rank() over (partition by lait_code, year order by value) - 1 as la_lower
    from la_values
),
england as (
    select lait_code, year, value as england from ref_benchmarks where area_type = 'england'
),
regions as (
    select la.la_code, b.lait_code, b.year, b.value as region
    from ref_local_authorities as la
    join ref_benchmarks as b on b.area_type = 'region' and b.area_name = la.region_name
),
neighbours as (
    select n.la_code, v.lait_code, v.year, avg(v.value) as neighbours_mean, count(v.value) as neighbours_count
    from ref_neighbours as n
    join la_values as v on v.la_code = n.neighbour_la_code
    group by n.la_code, v.lait_code, v.year
),
final as (
    select
        la.la_code,
        e.lait_code,
        e.year,
        e.england,
        r.region,
        n.neighbours_mean,
        coalesce(n.neighbours_count, 0) as neighbours_count,
        own.value as la_value,
        own.value_code as la_value_code,
        case when own.value is not null then cast(1 + floor(4 * own.la_lower / own.la_count) as integer) end
            as la_quartile
    from areas as la
    cross join england as e
    left join regions as r on r.la_code = la.la_code and r.lait_code = e.lait_code and r.year = e.year
    left join neighbours as n on n.la_code = la.la_code and n.lait_code = e.lait_code and n.year = e.year
    left join ranked as own on own.la_code = la.la_code and own.lait_code = e.lait_code and own.year = e.year
)
select * from final;

-- name: benchmarks_for
-- One LA's comparators per (lait_code, year).
select lait_code, year, england, region, neighbours_mean, neighbours_count, la_value, la_value_code, la_quartile
from ref_la_benchmarks
where la_code = $la_code
order by lait_code, year;
