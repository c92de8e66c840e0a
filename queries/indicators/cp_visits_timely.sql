-- id: cp_visits_timely
-- title: Child protection visits within timescale
-- theme: child_protection
-- unit: percent
-- numerator: CSC.CP_VISITS_TIMELY
-- denominator: CSC.CP_PLANS
-- basis: stock
-- polarity: up
-- green: >= 95
-- amber: >= 85
-- benchmark: -
-- headline: 7
-- definition: Children on a plan at the end of the period whose last statutory visit was within timescale.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.CP_VISITS_TIMELY'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.CP_PLANS'
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
