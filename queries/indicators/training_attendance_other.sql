-- id: training_attendance_other
-- title: Training attendance: other agencies
-- theme: training
-- unit: percent
-- numerator: TRN.ATTENDED_OTHER
-- denominator: TRN.BOOKED_OTHER
-- basis: flow
-- polarity: up
-- green: >= 85
-- amber: >= 75
-- benchmark: -
-- definition: Places booked by other agencies on multi-agency courses that were attended.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'TRN.ATTENDED_OTHER'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'TRN.BOOKED_OTHER'
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
