-- id: eh_assessments
-- title: Early help assessments completed
-- theme: front_door
-- unit: count
-- numerator: CSC.EH_ASSESSMENTS
-- denominator: -
-- basis: flow
-- polarity: none
-- benchmark: -
-- definition: Early help assessments completed in the period.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.EH_ASSESSMENTS'
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
