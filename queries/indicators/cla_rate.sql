-- id: cla_rate
-- title: Children looked after per 10,000
-- theme: children_in_care
-- unit: rate
-- numerator: CSC.CLA
-- denominator: population
-- basis: stock
-- polarity: band
-- green: within 15% of england
-- amber: within 30% of england
-- benchmark: LAC
-- headline: 3
-- definition: Children looked after by the local authority at the end of the period, per 10,000 children aged 0-17.

select * from indicator_rate('CSC.CLA')
