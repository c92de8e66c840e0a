-- id: care_proceedings
-- title: Care proceedings issued
-- theme: children_in_care
-- unit: count
-- numerator: CSC.CARE_PROCEEDINGS
-- denominator: -
-- basis: flow
-- polarity: none
-- benchmark: -
-- definition: Care proceedings the local authority issued in the period.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.CARE_PROCEEDINGS'
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
