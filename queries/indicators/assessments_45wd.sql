-- id: assessments_45wd
-- title: Assessments completed within 45 working days
-- theme: front_door
-- unit: percent
-- numerator: CSC.ASSESSMENTS_45WD
-- denominator: CSC.ASSESSMENTS
-- basis: flow
-- polarity: up
-- green: >= 90
-- amber: >= 80
-- benchmark: -
-- benchmark_note: No LAIT figure here; England was about 86% in 2024-25 (DfE Children in need).
-- headline: 6
-- definition: Share of children's social care assessments completed within the statutory 45 working days.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.ASSESSMENTS_45WD'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.ASSESSMENTS'
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
