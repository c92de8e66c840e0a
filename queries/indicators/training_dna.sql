-- id: training_dna
-- title: Booked training places not attended
-- theme: training
-- unit: percent
-- numerator: TRN.DNA
-- denominator: TRN.BOOKED
-- basis: flow
-- polarity: down
-- green: <= 10
-- amber: <= 15
-- benchmark: -
-- definition: Booked places on multi-agency courses where the person did not attend (DNA).

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'TRN.DNA'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'TRN.BOOKED'
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
