-- id: elearning_completions
-- title: Safeguarding e-learning completions
-- theme: training
-- unit: count
-- numerator: TRN.ELEARNING
-- denominator: -
-- basis: flow
-- polarity: none
-- benchmark: -
-- definition: Multi-agency safeguarding e-learning modules completed.

select * from indicator_count('TRN.ELEARNING')
