-- id: referral_source_la
-- title: Referrals from local authority services
-- theme: front_door
-- unit: percent
-- numerator: CSC.REF_SRC_LA
-- denominator: CSC.REFERRALS
-- basis: flow
-- polarity: none
-- benchmark: -
-- definition: Share of all referrals that came from local authority services.

select * from indicator_percent('CSC.REF_SRC_LA', 'CSC.REFERRALS')
