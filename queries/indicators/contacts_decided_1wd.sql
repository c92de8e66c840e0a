-- id: contacts_decided_1wd
-- title: Contacts decided within 1 working day
-- theme: front_door
-- unit: percent
-- numerator: CSC.CONTACTS_DECIDED_1WD
-- denominator: CSC.CONTACTS
-- basis: flow
-- polarity: up
-- green: >= 90
-- amber: >= 80
-- benchmark: -
-- headline: 4
-- definition: Share of contacts where the front door (MASH) decided what should happen next within one working day.

with numerator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.CONTACTS_DECIDED_1WD'
),

denominator as (
    select area, view, period_start, value, status
    from measure_periods
    where measure = 'CSC.CONTACTS'
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
