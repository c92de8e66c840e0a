-- id: s47_nfa
-- title: Section 47 enquiries ending without an ICPC
-- theme: child_protection
-- unit: percent
-- numerator: CSC.S47_NFA
-- denominator: CSC.S47_CONCLUDED
-- basis: flow
-- polarity: band
-- green: 50 to 75
-- amber: 40 to 85
-- benchmark: -
-- definition: Of the section 47 enquiries concluded, the share that did not lead to an initial child protection conference.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.S47_NFA'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.S47_CONCLUDED'
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
