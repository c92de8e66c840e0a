-- id: training_fill_rate
-- title: Training places booked
-- theme: training
-- unit: percent
-- numerator: TRN.BOOKED
-- denominator: TRN.PLACES_OFFERED
-- basis: flow
-- polarity: up
-- green: >= 85
-- amber: >= 70
-- benchmark: -
-- definition: Places booked on multi-agency courses as a share of places offered.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'TRN.BOOKED'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'TRN.PLACES_OFFERED'
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
