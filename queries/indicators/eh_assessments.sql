-- id: eh_assessments
-- title: Early help assessments completed
-- theme: front_door
-- unit: count
-- numerator: CSC.EH_ASSESSMENTS
-- denominator: -
-- basis: flow
-- polarity: none
-- benchmark: -
-- definition: Early help assessments completed in the period.

select * from indicator_count('CSC.EH_ASSESSMENTS')
