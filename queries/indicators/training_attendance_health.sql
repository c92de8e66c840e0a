-- id: training_attendance_health
-- title: Training attendance: health
-- theme: training
-- unit: percent
-- numerator: TRN.ATTENDED_HEALTH
-- denominator: TRN.BOOKED_HEALTH
-- basis: flow
-- polarity: up
-- green: >= 85
-- amber: >= 75
-- benchmark: -
-- definition: Places booked by health on multi-agency courses that were attended.

select * from indicator_percent('TRN.ATTENDED_HEALTH', 'TRN.BOOKED_HEALTH')
