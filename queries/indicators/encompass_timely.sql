-- id: encompass_timely
-- title: Encompass notifications before the next school day
-- theme: partners
-- unit: percent
-- numerator: POL.ENCOMPASS_TIMELY
-- denominator: POL.ENCOMPASS
-- basis: flow
-- polarity: up
-- green: >= 95
-- amber: >= 85
-- benchmark: -
-- definition: Operation Encompass notifications to schools sent before the start of the next school day.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'POL.ENCOMPASS_TIMELY'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'POL.ENCOMPASS'
),

final as (
    select
        area,
        view,
        period_start,
        numerator.value as numerator,
        numerator.status as numerator_status,
        denominator.value as denominator,
        denominator.status as denominator_status,
        100.0 * numerator.value / nullif(denominator.value, 0) as value
    from numerator
    inner join denominator using (area, view, period_start)
)

select * from final
