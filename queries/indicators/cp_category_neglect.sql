-- id: cp_category_neglect
-- title: Child protection plans: neglect
-- theme: child_protection
-- unit: percent
-- numerator: CSC.CP_CAT_NEGLECT
-- denominator: CSC.CP_PLANS
-- basis: stock
-- polarity: none
-- benchmark: -
-- definition: Share of children on a plan at the end of the period whose initial category of abuse was neglect. Context, not rated.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.CP_CAT_NEGLECT'
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
