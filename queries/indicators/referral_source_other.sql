-- id: referral_source_other
-- title: Referrals from other sources
-- theme: front_door
-- unit: percent
-- numerator: CSC.REF_SRC_OTHER
-- denominator: CSC.REFERRALS
-- basis: flow
-- polarity: none
-- benchmark: -
-- definition: Share of all referrals that came from other sources.

select * from indicator_percent('CSC.REF_SRC_OTHER', 'CSC.REFERRALS')
