-- id: referral_source_health
-- title: Referrals from health services
-- theme: front_door
-- unit: percent
-- numerator: CSC.REF_SRC_HEALTH
-- denominator: CSC.REFERRALS
-- basis: flow
-- polarity: band
-- green: within 20% of england
-- amber: within 40% of england
-- benchmark: RefBySource_HealthServ_%
-- definition: Share of all referrals that came from health services.

select * from indicator_percent('CSC.REF_SRC_HEALTH', 'CSC.REFERRALS')
