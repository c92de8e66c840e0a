-- id: health_l3_compliance
-- title: Health staff with level 3 training up to date
-- theme: training
-- unit: percent
-- numerator: HEA.L3_TRAINED
-- denominator: HEA.L3_REQUIRED
-- basis: stock
-- polarity: up
-- green: >= 90
-- amber: >= 80
-- benchmark: -
-- definition: Health staff whose level 3 safeguarding training is up to date, as a share of those who need it, at the end of the period.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'HEA.L3_TRAINED'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'HEA.L3_REQUIRED'
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
