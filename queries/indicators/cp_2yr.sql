-- id: cp_2yr
-- title: Child protection plans ending after 2 years or more
-- theme: child_protection
-- unit: percent
-- numerator: CSC.CP_ENDED_2YR
-- denominator: CSC.CP_ENDED
-- basis: flow
-- polarity: down
-- green: <= 5
-- amber: <= 8
-- benchmark: CPPlans2yrs
-- headline: 9
-- definition: Of the child protection plans that ended, the share that had lasted two years or more.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.CP_ENDED_2YR'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.CP_ENDED'
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
