-- id: referral_source_health
-- title: Referrals from health services
-- theme: front_door
-- unit: percent
-- numerator: CSC.REF_SRC_HEALTH
-- denominator: CSC.REFERRALS
-- basis: flow
-- polarity: band
-- green: within 20% of england
-- amber: within 40% of england
-- benchmark: RefBySource_HealthServ_%
-- definition: Share of all referrals that came from health services.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.REF_SRC_HEALTH'
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
