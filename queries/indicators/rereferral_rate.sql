-- id: rereferral_rate
-- title: Re-referrals within 12 months
-- theme: front_door
-- unit: percent
-- numerator: CSC.REREFERRALS_12M
-- denominator: CSC.REFERRALS
-- basis: flow
-- polarity: down
-- green: <= 20
-- amber: <= 25
-- benchmark: ReReferral
-- definition: Share of referrals about a child who had been referred in the previous 12 months. High values can mean earlier work did not last.

select * from indicator_percent('CSC.REREFERRALS_12M', 'CSC.REFERRALS')
