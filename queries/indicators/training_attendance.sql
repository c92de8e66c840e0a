-- id: training_attendance
-- title: Booked training places attended
-- theme: training
-- unit: percent
-- numerator: TRN.ATTENDED
-- denominator: TRN.BOOKED
-- basis: flow
-- polarity: up
-- green: >= 85
-- amber: >= 75
-- benchmark: -
-- definition: Booked places on multi-agency courses that were attended.

select * from indicator_percent('TRN.ATTENDED', 'TRN.BOOKED')
