-- id: encompass_timely
-- title: Encompass notifications before the next school day
-- theme: partners
-- unit: percent
-- numerator: POL.ENCOMPASS_TIMELY
-- denominator: POL.ENCOMPASS
-- basis: flow
-- polarity: up
-- green: >= 95
-- amber: >= 85
-- benchmark: -
-- definition: Operation Encompass notifications to schools sent before the start of the next school day.

select * from indicator_percent('POL.ENCOMPASS_TIMELY', 'POL.ENCOMPASS')
