-- id: training_evaluation_good
-- title: Course evaluations rating good or better
-- theme: training
-- unit: percent
-- numerator: TRN.EVAL_GOOD
-- denominator: TRN.EVAL_RESPONSES
-- basis: flow
-- polarity: up
-- green: >= 90
-- amber: >= 80
-- benchmark: -
-- definition: Course evaluations returned that rated the course good or better.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'TRN.EVAL_GOOD'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'TRN.EVAL_RESPONSES'
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
