-- id: icpc_15wd
-- title: ICPCs within 15 working days
-- theme: child_protection
-- unit: percent
-- numerator: CSC.ICPC_15WD
-- denominator: CSC.ICPC
-- basis: flow
-- polarity: up
-- green: >= 85
-- amber: >= 75
-- benchmark: CP_conf_15days
-- definition: Share of initial child protection conferences held within 15 working days of the strategy discussion.

select * from indicator_percent('CSC.ICPC_15WD', 'CSC.ICPC')
