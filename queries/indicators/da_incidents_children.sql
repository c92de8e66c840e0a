-- id: da_incidents_children
-- title: Domestic abuse incidents with children in the household
-- theme: partners
-- unit: count
-- numerator: POL.DA_INCIDENTS_CHILDREN
-- denominator: -
-- basis: flow
-- polarity: none
-- benchmark: -
-- definition: Domestic abuse incidents police attended where children were in the household.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'POL.DA_INCIDENTS_CHILDREN'
),

final as (
    select
        area,
        view,
        period_start,
        numerator.value as numerator,
        numerator.status as numerator_status,
        cast(null as double) as denominator,
        cast(null as text) as denominator_status,
        cast(numerator.value as double) as value
    from numerator
)

select * from final
