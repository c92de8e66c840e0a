-- id: cp_repeat
-- title: Second or subsequent child protection plans
-- theme: child_protection
-- unit: percent
-- numerator: CSC.CP_STARTS_REPEAT
-- denominator: CSC.CP_STARTS
-- basis: flow
-- polarity: down
-- green: <= 20
-- amber: <= 25
-- benchmark: PrevRegCPR
-- definition: Of the child protection plans started, the share for a child who had been on a plan before.

select * from indicator_percent('CSC.CP_STARTS_REPEAT', 'CSC.CP_STARTS')
