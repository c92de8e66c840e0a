-- id: training_attendance_csc
-- title: Training attendance: children's social care
-- theme: training
-- unit: percent
-- numerator: TRN.ATTENDED_CSC
-- denominator: TRN.BOOKED_CSC
-- basis: flow
-- polarity: up
-- green: >= 85
-- amber: >= 75
-- benchmark: -
-- definition: Places booked by children's social care on multi-agency courses that were attended.

select * from indicator_percent('TRN.ATTENDED_CSC', 'TRN.BOOKED_CSC')
