-- id: education_icpc_attendance
-- title: Schools attendance at ICPCs
-- theme: partners
-- unit: percent
-- numerator: EDU.ICPC_ATTENDED
-- denominator: EDU.ICPC_INVITED
-- basis: flow
-- polarity: up
-- green: >= 90
-- amber: >= 75
-- benchmark: -
-- definition: Initial child protection conferences schools attended, as a share of those they were invited to.

select * from indicator_percent('EDU.ICPC_ATTENDED', 'EDU.ICPC_INVITED')
