-- id: referral_rate
-- title: Referrals per 10,000 children
-- theme: front_door
-- unit: rate
-- numerator: CSC.REFERRALS
-- denominator: population
-- basis: flow
-- polarity: band
-- green: within 10% of england
-- amber: within 20% of england
-- benchmark: CPP_Total_Rateper10,000
-- definition: Referrals to children's social care in the 12 months ending with the period, per 10,000 children aged 0-17.

-- Flows: the rolling 12 months ending in the quarter (the year's total in the year view).
-- Stocks: the count at the period's end.
with numerator as (
    select area, view, period_start, rolling_value as value, rolling_status as status
    from measure_periods
    where measure = 'CSC.REFERRALS'
),

denominator as (
    select area, view, period_start, value, status
    from period_population
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
        10000.0 * numerator.value / nullif(denominator.value, 0) as value
    from numerator
    inner join denominator using (area, view, period_start)
)

select * from final
