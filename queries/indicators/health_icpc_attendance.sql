-- id: health_icpc_attendance
-- title: Health attendance at ICPCs
-- theme: partners
-- unit: percent
-- numerator: HEA.ICPC_ATTENDED
-- denominator: HEA.ICPC_INVITED
-- basis: flow
-- polarity: up
-- green: >= 90
-- amber: >= 75
-- benchmark: -
-- definition: Initial child protection conferences health attended, as a share of those health was invited to.

select * from indicator_percent('HEA.ICPC_ATTENDED', 'HEA.ICPC_INVITED')
