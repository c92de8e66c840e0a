-- id: cp_category_neglect
-- title: Child protection plans: neglect
-- theme: child_protection
-- unit: percent
-- numerator: CSC.CP_CAT_NEGLECT
-- denominator: CSC.CP_PLANS
-- basis: stock
-- polarity: none
-- benchmark: -
-- definition: Share of children on a plan at the end of the period whose initial category of abuse was neglect. Context, not rated.

select * from indicator_percent('CSC.CP_CAT_NEGLECT', 'CSC.CP_PLANS')
