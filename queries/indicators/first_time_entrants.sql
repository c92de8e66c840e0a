-- id: first_time_entrants
-- title: First-time entrants to youth justice
-- theme: partners
-- unit: count
-- numerator: YJS.FIRST_TIME_ENTRANTS
-- denominator: -
-- basis: flow
-- polarity: none
-- benchmark: FirstYJS
-- benchmark_note: DfE publishes a rate per 100,000 children aged 10-17 (calendar year): context only, not comparable with a count.
-- definition: Children aged 10-17 receiving their first youth caution or conviction.

select * from indicator_count('YJS.FIRST_TIME_ENTRANTS')
