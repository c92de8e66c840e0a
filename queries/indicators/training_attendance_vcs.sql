-- id: training_attendance_vcs
-- title: Training attendance: the voluntary and community sector
-- theme: training
-- unit: percent
-- numerator: TRN.ATTENDED_VCS
-- denominator: TRN.BOOKED_VCS
-- basis: flow
-- polarity: up
-- green: >= 85
-- amber: >= 75
-- benchmark: -
-- definition: Places booked by the voluntary and community sector on multi-agency courses that were attended.

select * from indicator_percent('TRN.ATTENDED_VCS', 'TRN.BOOKED_VCS')
