-- id: police_strategy_attendance
-- title: Police attendance at strategy discussions
-- theme: partners
-- unit: percent
-- numerator: POL.STRATEGY_ATTENDED
-- denominator: POL.STRATEGY_INVITED
-- basis: flow
-- polarity: up
-- green: >= 95
-- amber: >= 85
-- benchmark: -
-- definition: Strategy discussions police attended, as a share of those they were invited to.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'POL.STRATEGY_ATTENDED'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'POL.STRATEGY_INVITED'
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
