-- id: s175_return_rate
-- title: Section 175/157 safeguarding audits returned
-- theme: partners
-- unit: percent
-- numerator: EDU.S175_RETURNS
-- denominator: EDU.S175_SETTINGS
-- basis: flow
-- polarity: up
-- green: >= 95
-- amber: >= 85
-- benchmark: -
-- definition: Schools and colleges that returned the annual safeguarding (s175/157) audit, as a share of those asked.

select * from indicator_percent('EDU.S175_RETURNS', 'EDU.S175_SETTINGS')
