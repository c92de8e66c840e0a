-- id: referral_nfa
-- title: Referrals ending in no further action
-- theme: front_door
-- unit: percent
-- numerator: CSC.REFERRALS_NFA
-- denominator: CSC.REFERRALS
-- basis: flow
-- polarity: down
-- green: <= 10
-- amber: <= 15
-- benchmark: CIN_Refferals_NFA
-- definition: Share of referrals that ended with no further action after the referral was received.

select * from indicator_percent('CSC.REFERRALS_NFA', 'CSC.REFERRALS')
