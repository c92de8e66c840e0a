-- id: training_attendance_other
-- title: Training attendance: other agencies
-- theme: training
-- unit: percent
-- numerator: TRN.ATTENDED_OTHER
-- denominator: TRN.BOOKED_OTHER
-- basis: flow
-- polarity: up
-- green: >= 85
-- amber: >= 75
-- benchmark: -
-- definition: Places booked by other agencies on multi-agency courses that were attended.

select * from indicator_percent('TRN.ATTENDED_OTHER', 'TRN.BOOKED_OTHER')
