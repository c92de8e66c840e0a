-- id: police_protection
-- title: Police protection powers used
-- theme: partners
-- unit: count
-- numerator: POL.PPO
-- denominator: -
-- basis: flow
-- polarity: none
-- benchmark: -
-- definition: Times police used their powers to remove a child to suitable accommodation.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'POL.PPO'
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
