-- order: 3
-- The partnership's DfE comparators per (lait_code, year), as ref_la_benchmarks holds them for one
-- authority. A partnership of several authorities: England as published; the region when they all
-- share one (else none); the mean of their statistical neighbours taken together, less their own;
-- and their own figure combined only where DfE's unit allows it: a rate per 10,000 children as the
-- mean of their published rates weighted by their children (= their summed counts over their summed
-- population, up to DfE's rounding of each rate), from the ONS mid-year before the DfE year (mid-2023
-- for 2023-24), ranked into a quartile among all authorities as ref_la_benchmarks ranks one. A
-- percentage has no published denominator here, and a rate per 100,000 aged 10-17 no published base:
-- no combined figure for them.
with authorities as (
    select * from partnership_authorities
),
how_many as (
    select count(*) as authorities from authorities
),
single as (
    select
        a.area, b.lait_code, b.year, b.england, b.region, b.neighbours_mean, b.neighbours_count,
        b.la_value, b.la_value_code, b.la_quartile
    from authorities as a
    join ref_la_benchmarks as b using (la_code)
    where (select authorities from how_many) = 1
),
regions as (
    select count(distinct la.region_name) as regions
    from authorities
    join ref_local_authorities as la using (la_code)
),
population as (
    select la_code, year, population from ref_population where area_type = 'la'
),
weighted as (
    select a.area, b.la_code, b.lait_code, b.year, b.england, b.region, b.la_value, p.population
    from authorities as a
    join ref_la_benchmarks as b using (la_code)
    asof left join population as p on p.la_code = b.la_code and b.year - 1 >= p.year
),
combined as (
    select
        w.area,
        w.lait_code,
        w.year,
        any_value(w.england) as england,
        case when (select regions from regions) = 1 and count(distinct w.region) = 1 then any_value(w.region) end
            as region,
        case
            when any_value(m.unit) = 'Rate per 10,000' and count(w.la_value) = count(*)
                and count(w.population) = count(*)
                then sum(w.la_value * w.population) / sum(w.population)
        end as la_value
    from weighted as w
    left join ref_benchmark_measures as m using (lait_code)
    where (select authorities from how_many) > 1
    group by w.area, w.lait_code, w.year
),
neighbour_codes as (
    select distinct n.neighbour_la_code as la_code
    from ref_neighbours as n
    join authorities using (la_code)
    where n.neighbour_la_code not in (select own.la_code from authorities as own)
),
neighbours as (
    select b.lait_code, b.year, avg(b.la_value) as neighbours_mean, count(b.la_value) as neighbours_count
    from neighbour_codes
    join ref_la_benchmarks as b using (la_code)
    group by b.lait_code, b.year
),
ranked as (
    select
        c.*,
        n.neighbours_mean,
        coalesce(n.neighbours_count, 0) as neighbours_count,
        cast(null as text) as la_value_code,
        (select count(x.la_value) from ref_la_benchmarks as x
         where x.lait_code = c.lait_code and x.year = c.year) as la_count,
        (select count(*) from ref_la_benchmarks as x
         where x.lait_code = c.lait_code and x.year = c.year and x.la_value < c.la_value) as la_lower
    from combined as c
    left join neighbours as n using (lait_code, year)
),
final as (
    select area, lait_code, year, england, region, neighbours_mean, neighbours_count, la_value, la_value_code,
           la_quartile
    from single
    union all
    select
        area, lait_code, year, england, region, neighbours_mean, neighbours_count, la_value, la_value_code,
        case when la_value is not null then cast(1 + floor(4 * la_lower / la_count) as integer) end as la_quartile
    from ranked
)
select * from final
