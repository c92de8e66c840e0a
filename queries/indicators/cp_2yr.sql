-- id: cp_2yr
-- title: Child protection plans ending after 2 years or more
-- theme: child_protection
-- unit: percent
-- numerator: CSC.CP_ENDED_2YR
-- denominator: CSC.CP_ENDED
-- basis: flow
-- polarity: down
-- green: <= 5
-- amber: <= 8
-- benchmark: CPPlans2yrs
-- headline: 9
-- definition: Of the child protection plans that ended, the share that had lasted two years or more.

select * from indicator_percent('CSC.CP_ENDED_2YR', 'CSC.CP_ENDED')
