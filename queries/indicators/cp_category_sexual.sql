-- id: cp_category_sexual
-- title: Child protection plans: sexual abuse
-- theme: child_protection
-- unit: percent
-- numerator: CSC.CP_CAT_SEXUAL
-- denominator: CSC.CP_PLANS
-- basis: stock
-- polarity: none
-- benchmark: -
-- definition: Share of children on a plan at the end of the period whose initial category of abuse was sexual abuse. Context, not rated.

select * from indicator_percent('CSC.CP_CAT_SEXUAL', 'CSC.CP_PLANS')
