-- id: police_protection
-- title: Police protection powers used
-- theme: partners
-- unit: count
-- numerator: POL.PPO
-- denominator: -
-- basis: flow
-- polarity: none
-- benchmark: -
-- definition: Times police used their powers to remove a child to suitable accommodation.

select * from indicator_count('POL.PPO')
