-- id: cp_visits_timely
-- title: Child protection visits within timescale
-- theme: child_protection
-- unit: percent
-- numerator: CSC.CP_VISITS_TIMELY
-- denominator: CSC.CP_PLANS
-- basis: stock
-- polarity: up
-- green: >= 95
-- amber: >= 85
-- benchmark: -
-- headline: 7
-- definition: Children on a plan at the end of the period whose last statutory visit was within timescale.

select * from indicator_percent('CSC.CP_VISITS_TIMELY', 'CSC.CP_PLANS')
