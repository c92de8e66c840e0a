-- id: care_proceedings
-- title: Care proceedings issued
-- theme: children_in_care
-- unit: count
-- numerator: CSC.CARE_PROCEEDINGS
-- denominator: -
-- basis: flow
-- polarity: none
-- benchmark: -
-- definition: Care proceedings the local authority issued in the period.

select * from indicator_count('CSC.CARE_PROCEEDINGS')
