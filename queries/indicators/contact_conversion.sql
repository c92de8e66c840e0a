-- id: contact_conversion
-- title: Contacts progressing to referral
-- theme: front_door
-- unit: percent
-- numerator: CSC.REFERRALS
-- denominator: CSC.CONTACTS
-- basis: flow
-- polarity: band
-- green: 18 to 35
-- amber: 12 to 45
-- benchmark: -
-- benchmark_note: No DfE figure; ADCS Safeguarding Pressures estimates about 21% nationally.
-- headline: 5
-- definition: Of the contacts children's social care received, the share that became a referral. Very low means many contacts that did not need social care; very high can mean thresholds applied too early.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.REFERRALS'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.CONTACTS'
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
