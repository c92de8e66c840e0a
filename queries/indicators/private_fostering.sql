-- id: private_fostering
-- title: Private fostering notifications
-- theme: children_in_care
-- unit: count
-- numerator: CSC.PRIVATE_FOSTERING
-- denominator: -
-- basis: flow
-- polarity: none
-- benchmark: -
-- definition: Notifications of private fostering arrangements received.

select * from indicator_count('CSC.PRIVATE_FOSTERING')
