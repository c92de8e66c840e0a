-- id: cin_rate
-- title: Children in need per 10,000
-- theme: children_in_care
-- unit: rate
-- numerator: CSC.CIN
-- denominator: population
-- basis: stock
-- polarity: band
-- green: within 15% of england
-- amber: within 30% of england
-- benchmark: CIN
-- headline: 2
-- definition: Children in need at the end of the period, per 10,000 children aged 0-17.

select * from indicator_rate('CSC.CIN')
