-- id: first_time_entrants
-- title: First-time entrants to youth justice
-- theme: partners
-- unit: count
-- numerator: YJS.FIRST_TIME_ENTRANTS
-- denominator: -
-- basis: flow
-- polarity: none
-- benchmark: -
-- benchmark_note: No benchmark: the published figure (LAIT FirstYJS) is a rate per 100,000 children aged 10-17
--   over the calendar year, not a count over the financial year, so it is not shown beside this count.
-- definition: Children aged 10-17 receiving their first youth caution or conviction.

select * from indicator_count('YJS.FIRST_TIME_ENTRANTS')
