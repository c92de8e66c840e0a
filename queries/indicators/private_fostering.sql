-- id: private_fostering
-- title: Private fostering notifications
-- theme: children_in_care
-- unit: count
-- numerator: CSC.PRIVATE_FOSTERING
-- denominator: -
-- basis: flow
-- polarity: none
-- benchmark: -
-- definition: Notifications of private fostering arrangements received.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.PRIVATE_FOSTERING'
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
