-- id: education_icpc_attendance
-- title: Schools attendance at ICPCs
-- theme: partners
-- unit: percent
-- numerator: EDU.ICPC_ATTENDED
-- denominator: EDU.ICPC_INVITED
-- basis: flow
-- polarity: up
-- green: >= 90
-- amber: >= 75
-- benchmark: -
-- definition: Initial child protection conferences schools attended, as a share of those they were invited to.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'EDU.ICPC_ATTENDED'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'EDU.ICPC_INVITED'
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
