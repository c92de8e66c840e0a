-- id: s47_nfa
-- title: Section 47 enquiries ending without an ICPC
-- theme: child_protection
-- unit: percent
-- numerator: CSC.S47_NFA
-- denominator: CSC.S47_CONCLUDED
-- basis: flow
-- polarity: band
-- green: 50 to 75
-- amber: 40 to 85
-- benchmark: -
-- definition: Of the section 47 enquiries concluded, the share that did not lead to an initial child protection conference.

select * from indicator_percent('CSC.S47_NFA', 'CSC.S47_CONCLUDED')
