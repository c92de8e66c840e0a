-- order: 6
-- Each catalogue measure in each calendar quarter, with its state ('absent' where nothing was sent).
with calendar as (
    select * from quarter_calendar
),
measures as (
    select code as measure, basis from catalogue_measures
),
final as (
    select
        calendar.area,
        calendar.quarter_start,
        case when month(calendar.quarter_start) >= 4 then year(calendar.quarter_start)
             else year(calendar.quarter_start) - 1 end as fy_start_year,
        measures.measure,
        measures.basis,
        coalesce(v.state, 'absent') as state,
        v.value
    from calendar
    cross join measures
    left join current_values as v
        on v.area = calendar.area
        and v.quarter_start = calendar.quarter_start
        and v.measure = measures.measure
)
select * from final
