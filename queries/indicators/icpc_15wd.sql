-- id: icpc_15wd
-- title: ICPCs within 15 working days
-- theme: child_protection
-- unit: percent
-- numerator: CSC.ICPC_15WD
-- denominator: CSC.ICPC
-- basis: flow
-- polarity: up
-- green: >= 85
-- amber: >= 75
-- benchmark: CP_conf_15days
-- definition: Share of initial child protection conferences held within 15 working days of the strategy discussion.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.ICPC_15WD'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.ICPC'
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
