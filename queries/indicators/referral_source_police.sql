-- id: referral_source_police
-- title: Referrals from police
-- theme: front_door
-- unit: percent
-- numerator: CSC.REF_SRC_POLICE
-- denominator: CSC.REFERRALS
-- basis: flow
-- polarity: band
-- green: within 20% of england
-- amber: within 40% of england
-- benchmark: RefBySource_Police_%
-- definition: Share of all referrals that came from police.

select * from indicator_percent('CSC.REF_SRC_POLICE', 'CSC.REFERRALS')
