-- id: training_dna
-- title: Booked training places not attended
-- theme: training
-- unit: percent
-- numerator: TRN.DNA
-- denominator: TRN.BOOKED
-- basis: flow
-- polarity: down
-- green: <= 10
-- amber: <= 15
-- benchmark: -
-- definition: Booked places on multi-agency courses where the person did not attend (DNA).

select * from indicator_percent('TRN.DNA', 'TRN.BOOKED')
