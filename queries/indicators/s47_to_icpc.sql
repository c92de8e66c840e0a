-- id: s47_to_icpc
-- title: Section 47 enquiries leading to an ICPC
-- theme: child_protection
-- unit: percent
-- numerator: CSC.ICPC
-- denominator: CSC.S47
-- basis: flow
-- polarity: band
-- green: 25 to 40
-- amber: 20 to 50
-- benchmark: -
-- definition: Initial child protection conferences held as a share of section 47 enquiries started in the same period.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.ICPC'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.S47'
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
