-- id: rhi_72h
-- title: Return home interviews within 72 hours
-- theme: children_in_care
-- unit: percent
-- numerator: CSC.RHI_72H
-- denominator: CSC.MISSING_EPISODES
-- basis: flow
-- polarity: up
-- green: >= 80
-- amber: >= 60
-- benchmark: -
-- definition: Return home interviews completed within 72 hours, as a share of missing episodes.

select * from indicator_percent('CSC.RHI_72H', 'CSC.MISSING_EPISODES')
