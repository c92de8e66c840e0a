-- id: s47_to_icpc
-- title: Section 47 enquiries leading to an ICPC
-- theme: child_protection
-- unit: percent
-- numerator: CSC.ICPC
-- denominator: CSC.S47
-- basis: flow
-- polarity: band
-- green: 25 to 40
-- amber: 20 to 50
-- benchmark: -
-- definition: Initial child protection conferences held as a share of section 47 enquiries started in the same period.

select * from indicator_percent('CSC.ICPC', 'CSC.S47')
