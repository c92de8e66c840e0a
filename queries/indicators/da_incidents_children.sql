-- id: da_incidents_children
-- title: Domestic abuse incidents with children in the household
-- theme: partners
-- unit: count
-- numerator: POL.DA_INCIDENTS_CHILDREN
-- denominator: -
-- basis: flow
-- polarity: none
-- benchmark: -
-- definition: Domestic abuse incidents police attended where children were in the household.

select * from indicator_count('POL.DA_INCIDENTS_CHILDREN')
