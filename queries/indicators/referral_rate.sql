-- id: referral_rate
-- title: Referrals per 10,000 children
-- theme: front_door
-- unit: rate
-- numerator: CSC.REFERRALS
-- denominator: population
-- basis: flow
-- polarity: band
-- green: within 10% of england
-- amber: within 20% of england
-- benchmark: CPP_Total_Rateper10,000
-- definition: Referrals to children's social care in the 12 months ending with the period, per 10,000 children aged 0-17.

select * from indicator_rate('CSC.REFERRALS')
