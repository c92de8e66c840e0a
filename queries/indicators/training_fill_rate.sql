-- id: training_fill_rate
-- title: Training places booked
-- theme: training
-- unit: percent
-- numerator: TRN.BOOKED
-- denominator: TRN.PLACES_OFFERED
-- basis: flow
-- polarity: up
-- green: >= 85
-- amber: >= 70
-- benchmark: -
-- definition: Places booked on multi-agency courses as a share of places offered.

select * from indicator_percent('TRN.BOOKED', 'TRN.PLACES_OFFERED')
