-- id: training_evaluation_good
-- title: Course evaluations rating good or better
-- theme: training
-- unit: percent
-- numerator: TRN.EVAL_GOOD
-- denominator: TRN.EVAL_RESPONSES
-- basis: flow
-- polarity: up
-- green: >= 90
-- amber: >= 80
-- benchmark: -
-- definition: Course evaluations returned that rated the course good or better.

select * from indicator_percent('TRN.EVAL_GOOD', 'TRN.EVAL_RESPONSES')
