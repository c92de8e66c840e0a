-- id: police_strategy_attendance
-- title: Police attendance at strategy discussions
-- theme: partners
-- unit: percent
-- numerator: POL.STRATEGY_ATTENDED
-- denominator: POL.STRATEGY_INVITED
-- basis: flow
-- polarity: up
-- green: >= 95
-- amber: >= 85
-- benchmark: -
-- definition: Strategy discussions police attended, as a share of those they were invited to.

select * from indicator_percent('POL.STRATEGY_ATTENDED', 'POL.STRATEGY_INVITED')
