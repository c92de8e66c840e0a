-- id: referral_source_la
-- title: Referrals from local authority services
-- theme: front_door
-- unit: percent
-- numerator: CSC.REF_SRC_LA
-- denominator: CSC.REFERRALS
-- basis: flow
-- polarity: none
-- benchmark: -
-- definition: Share of all referrals that came from local authority services.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.REF_SRC_LA'
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
