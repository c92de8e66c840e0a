-- id: training_attendance_education
-- title: Training attendance: education
-- theme: training
-- unit: percent
-- numerator: TRN.ATTENDED_EDUCATION
-- denominator: TRN.BOOKED_EDUCATION
-- basis: flow
-- polarity: up
-- green: >= 85
-- amber: >= 75
-- benchmark: -
-- definition: Places booked by education on multi-agency courses that were attended.

select * from indicator_percent('TRN.ATTENDED_EDUCATION', 'TRN.BOOKED_EDUCATION')
