-- id: lado_referrals
-- title: Referrals to the LADO
-- theme: child_protection
-- unit: count
-- numerator: CSC.LADO_REFERRALS
-- denominator: -
-- basis: flow
-- polarity: none
-- benchmark: -
-- definition: Referrals to the Local Authority Designated Officer about adults who work with children.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.LADO_REFERRALS'
),

final as (
    select
        area,
        view,
        period_start,
        numerator.value as numerator,
        numerator.status as numerator_status,
        cast(null as double) as denominator,
        cast(null as text) as denominator_status,
        cast(numerator.value as double) as value
    from numerator
)

select * from final
