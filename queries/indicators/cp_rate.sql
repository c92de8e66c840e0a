-- id: cp_rate
-- title: Children on child protection plans per 10,000
-- theme: child_protection
-- unit: rate
-- numerator: CSC.CP_PLANS
-- denominator: population
-- basis: stock
-- polarity: band
-- green: within 15% of england
-- amber: within 30% of england
-- benchmark: CPP_rate
-- headline: 1
-- definition: Children subject to a child protection plan at the end of the period, per 10,000 children aged 0-17.

select * from indicator_rate('CSC.CP_PLANS')
