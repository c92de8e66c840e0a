-- id: s175_return_rate
-- title: Section 175/157 safeguarding audits returned
-- theme: partners
-- unit: percent
-- numerator: EDU.S175_RETURNS
-- denominator: EDU.S175_SETTINGS
-- basis: flow
-- polarity: up
-- green: >= 95
-- amber: >= 85
-- benchmark: -
-- definition: Schools and colleges that returned the annual safeguarding (s175/157) audit, as a share of those asked.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'EDU.S175_RETURNS'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'EDU.S175_SETTINGS'
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
