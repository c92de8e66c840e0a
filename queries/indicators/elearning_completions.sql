-- id: elearning_completions
-- title: Safeguarding e-learning completions
-- theme: training
-- unit: count
-- numerator: TRN.ELEARNING
-- denominator: -
-- basis: flow
-- polarity: none
-- benchmark: -
-- definition: Multi-agency safeguarding e-learning modules completed.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'TRN.ELEARNING'
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
