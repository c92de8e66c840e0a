-- id: cp_category_emotional
-- title: Child protection plans: emotional abuse
-- theme: child_protection
-- unit: percent
-- numerator: CSC.CP_CAT_EMOTIONAL
-- denominator: CSC.CP_PLANS
-- basis: stock
-- polarity: none
-- benchmark: -
-- definition: Share of children on a plan at the end of the period whose initial category of abuse was emotional abuse. Context, not rated.

select * from indicator_percent('CSC.CP_CAT_EMOTIONAL', 'CSC.CP_PLANS')
