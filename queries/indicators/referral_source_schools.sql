-- id: referral_source_schools
-- title: Referrals from schools
-- theme: front_door
-- unit: percent
-- numerator: CSC.REF_SRC_SCHOOLS
-- denominator: CSC.REFERRALS
-- basis: flow
-- polarity: band
-- green: within 20% of england
-- amber: within 40% of england
-- benchmark: RefBySource_Schl_%
-- definition: Share of all referrals that came from schools.

select * from indicator_percent('CSC.REF_SRC_SCHOOLS', 'CSC.REFERRALS')
