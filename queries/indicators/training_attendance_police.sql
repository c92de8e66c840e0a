-- id: training_attendance_police
-- title: Training attendance: police
-- theme: training
-- unit: percent
-- numerator: TRN.ATTENDED_POLICE
-- denominator: TRN.BOOKED_POLICE
-- basis: flow
-- polarity: up
-- green: >= 85
-- amber: >= 75
-- benchmark: -
-- definition: Places booked by police on multi-agency courses that were attended.

select * from indicator_percent('TRN.ATTENDED_POLICE', 'TRN.BOOKED_POLICE')
