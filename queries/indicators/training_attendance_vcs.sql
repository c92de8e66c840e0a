-- id: training_attendance_vcs
-- title: Training attendance: the voluntary and community sector
-- theme: training
-- unit: percent
-- numerator: TRN.ATTENDED_VCS
-- denominator: TRN.BOOKED_VCS
-- basis: flow
-- polarity: up
-- green: >= 85
-- amber: >= 75
-- benchmark: -
-- definition: Places booked by the voluntary and community sector on multi-agency courses that were attended.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'TRN.ATTENDED_VCS'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'TRN.BOOKED_VCS'
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
