-- id: rhi_72h
-- title: Return home interviews within 72 hours
-- theme: children_in_care
-- unit: percent
-- numerator: CSC.RHI_72H
-- denominator: CSC.MISSING_EPISODES
-- basis: flow
-- polarity: up
-- green: >= 80
-- amber: >= 60
-- benchmark: -
-- definition: Return home interviews completed within 72 hours, as a share of missing episodes.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.RHI_72H'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.MISSING_EPISODES'
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
