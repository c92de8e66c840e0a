-- id: health_l3_compliance
-- title: Health staff with level 3 training up to date
-- theme: training
-- unit: percent
-- numerator: HEA.L3_TRAINED
-- denominator: HEA.L3_REQUIRED
-- basis: stock
-- polarity: up
-- green: >= 90
-- amber: >= 80
-- benchmark: -
-- definition: Health staff whose level 3 safeguarding training is up to date, as a share of those who need it, at the end of the period.

select * from indicator_percent('HEA.L3_TRAINED', 'HEA.L3_REQUIRED')
