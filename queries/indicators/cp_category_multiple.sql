-- id: cp_category_multiple
-- title: Child protection plans: multiple categories
-- theme: child_protection
-- unit: percent
-- numerator: CSC.CP_CAT_MULTIPLE
-- denominator: CSC.CP_PLANS
-- basis: stock
-- polarity: none
-- benchmark: -
-- definition: Share of children on a plan at the end of the period whose initial category of abuse was multiple categories. Context, not rated.

select * from indicator_percent('CSC.CP_CAT_MULTIPLE', 'CSC.CP_PLANS')
