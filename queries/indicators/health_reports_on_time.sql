-- id: health_reports_on_time
-- title: Health conference reports on time
-- theme: partners
-- unit: percent
-- numerator: HEA.REPORTS_ON_TIME
-- denominator: HEA.REPORTS_REQUESTED
-- basis: flow
-- polarity: up
-- green: >= 90
-- amber: >= 75
-- benchmark: -
-- definition: Reports for child protection conferences that health submitted on time, as a share of those requested.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'HEA.REPORTS_ON_TIME'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'HEA.REPORTS_REQUESTED'
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
