-- id: rereferral_rate
-- title: Re-referrals within 12 months
-- theme: front_door
-- unit: percent
-- numerator: CSC.REREFERRALS_12M
-- denominator: CSC.REFERRALS
-- basis: flow
-- polarity: down
-- green: <= 20
-- amber: <= 25
-- benchmark: ReReferral
-- definition: Share of referrals about a child who had been referred in the previous 12 months. High values can mean earlier work did not last.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.REREFERRALS_12M'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.REFERRALS'
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
