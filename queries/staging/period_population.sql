-- order: 8
-- Children aged 0-17 for each period: the ONS mid-year estimate of the year the financial year
-- starts in (mid-2024 for 2024-25), else the latest earlier one (status 'latest'); an analyst's
-- override wins (status 'override'). A partnership of several authorities counts the sum of theirs,
-- for years ONS published every one of them.
-- The periods are measure_periods' own: each calendar quarter, and each financial year one of them falls
-- in. They come from the calendar, so this view never computes measure_periods a second time.
with quarter_periods as (
    select
        area,
        quarter_start,
        year(quarter_start) - (month(quarter_start) < 4)::int as fy_start_year
    from quarter_calendar
),
periods as (
    select area, 'quarter' as view, quarter_start as period_start, fy_start_year as wanted_year
    from quarter_periods
    union all
    select distinct area, 'year' as view, make_date(fy_start_year, 4, 1) as period_start, fy_start_year as wanted_year
    from quarter_periods
),
published as (
    select a.area, p.year, cast(sum(p.population) as bigint) as population
    from partnership_authorities as a
    join ref_population as p on p.area_type = 'la' and p.la_code = a.la_code
    group by a.area, p.year
    having count(*) = (select count(*) from partnership_authorities)
),
best_published as (
    select
        periods.area, periods.view, periods.period_start, periods.wanted_year,
        arg_max(published.population, published.year) as population,
        max(published.year) as population_year
    from periods
    join published on published.area = periods.area and published.year <= periods.wanted_year
    group by all
),
final as (
    select
        periods.area,
        periods.view,
        periods.period_start,
        coalesce(o.population, b.population) as value,
        coalesce(o.year, b.population_year) as population_year,
        case
            when o.population is not null then 'override'
            when b.population is null then 'no_population'
            when b.population_year < periods.wanted_year then 'latest'
            else 'ok'
        end as status
    from periods
    left join best_published as b using (area, view, period_start)
    left join population_overrides as o on o.year = periods.wanted_year
)
select * from final
