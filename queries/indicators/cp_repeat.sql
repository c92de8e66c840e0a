-- id: cp_repeat
-- title: Second or subsequent child protection plans
-- theme: child_protection
-- unit: percent
-- numerator: CSC.CP_STARTS_REPEAT
-- denominator: CSC.CP_STARTS
-- basis: flow
-- polarity: down
-- green: <= 20
-- amber: <= 25
-- benchmark: PrevRegCPR
-- definition: Of the child protection plans started, the share for a child who had been on a plan before.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.CP_STARTS_REPEAT'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.CP_STARTS'
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
