-- id: health_reports_on_time
-- title: Health conference reports on time
-- theme: partners
-- unit: percent
-- numerator: HEA.REPORTS_ON_TIME
-- denominator: HEA.REPORTS_REQUESTED
-- basis: flow
-- polarity: up
-- green: >= 90
-- amber: >= 75
-- benchmark: -
-- definition: Reports for child protection conferences that health submitted on time, as a share of those requested.

select * from indicator_percent('HEA.REPORTS_ON_TIME', 'HEA.REPORTS_REQUESTED')
