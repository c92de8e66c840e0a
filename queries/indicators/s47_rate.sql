-- id: s47_rate
-- title: Section 47 enquiries per 10,000 children
-- theme: child_protection
-- unit: rate
-- numerator: CSC.S47
-- denominator: population
-- basis: flow
-- polarity: band
-- green: within 15% of england
-- amber: within 30% of england
-- benchmark: Section_47
-- definition: Section 47 child protection enquiries started in the 12 months ending with the period, per 10,000 children aged 0-17.

select * from indicator_rate('CSC.S47')
