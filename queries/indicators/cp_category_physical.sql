-- id: cp_category_physical
-- title: Child protection plans: physical abuse
-- theme: child_protection
-- unit: percent
-- numerator: CSC.CP_CAT_PHYSICAL
-- denominator: CSC.CP_PLANS
-- basis: stock
-- polarity: none
-- benchmark: -
-- definition: Share of children on a plan at the end of the period whose initial category of abuse was physical abuse. Context, not rated.

select * from indicator_percent('CSC.CP_CAT_PHYSICAL', 'CSC.CP_PLANS')
