-- id: training_courses
-- title: Multi-agency courses delivered
-- theme: training
-- unit: count
-- numerator: TRN.COURSES
-- denominator: -
-- basis: flow
-- polarity: none
-- benchmark: -
-- definition: Multi-agency safeguarding courses the partnership delivered.

select * from indicator_count('TRN.COURSES')
