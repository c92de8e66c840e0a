-- id: training_courses
-- title: Multi-agency courses delivered
-- theme: training
-- unit: count
-- numerator: TRN.COURSES
-- denominator: -
-- basis: flow
-- polarity: none
-- benchmark: -
-- definition: Multi-agency safeguarding courses the partnership delivered.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'TRN.COURSES'
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
