-- id: training_attendance
-- title: Booked training places attended
-- theme: training
-- unit: percent
-- numerator: TRN.ATTENDED
-- denominator: TRN.BOOKED
-- basis: flow
-- polarity: up
-- green: >= 85
-- amber: >= 75
-- benchmark: -
-- definition: Booked places on multi-agency courses that were attended.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'TRN.ATTENDED'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'TRN.BOOKED'
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
