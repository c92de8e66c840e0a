-- id: cla_visits_timely
-- title: Children looked after visited within timescale
-- theme: children_in_care
-- unit: percent
-- numerator: CSC.CLA_VISITS_TIMELY
-- denominator: CSC.CLA
-- basis: stock
-- polarity: up
-- green: >= 95
-- amber: >= 85
-- benchmark: -
-- headline: 8
-- definition: Children looked after at the end of the period whose last statutory visit was within timescale.

select * from indicator_percent('CSC.CLA_VISITS_TIMELY', 'CSC.CLA')
