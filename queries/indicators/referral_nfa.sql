-- id: referral_nfa
-- title: Referrals ending in no further action
-- theme: front_door
-- unit: percent
-- numerator: CSC.REFERRALS_NFA
-- denominator: CSC.REFERRALS
-- basis: flow
-- polarity: down
-- green: <= 10
-- amber: <= 15
-- benchmark: CIN_Refferals_NFA
-- definition: Share of referrals that ended with no further action after the referral was received.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.REFERRALS_NFA'
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
