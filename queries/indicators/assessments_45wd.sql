-- id: assessments_45wd
-- title: Assessments completed within 45 working days
-- theme: front_door
-- unit: percent
-- numerator: CSC.ASSESSMENTS_45WD
-- denominator: CSC.ASSESSMENTS
-- basis: flow
-- polarity: up
-- green: >= 90
-- amber: >= 80
-- benchmark: -
-- benchmark_note: No LAIT figure here; England was about 86% in 2024-25 (DfE Children in need).
-- headline: 6
-- definition: Share of children's social care assessments completed within the statutory 45 working days.

select * from indicator_percent('CSC.ASSESSMENTS_45WD', 'CSC.ASSESSMENTS')
