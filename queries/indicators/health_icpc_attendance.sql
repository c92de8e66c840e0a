-- id: health_icpc_attendance
-- title: Health attendance at ICPCs
-- theme: partners
-- unit: percent
-- numerator: HEA.ICPC_ATTENDED
-- denominator: HEA.ICPC_INVITED
-- basis: flow
-- polarity: up
-- green: >= 90
-- amber: >= 75
-- benchmark: -
-- definition: Initial child protection conferences health attended, as a share of those health was invited to.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'HEA.ICPC_ATTENDED'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'HEA.ICPC_INVITED'
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
