-- id: lado_referrals
-- title: Referrals to the LADO
-- theme: child_protection
-- unit: count
-- numerator: CSC.LADO_REFERRALS
-- denominator: -
-- basis: flow
-- polarity: none
-- benchmark: -
-- definition: Referrals to the Local Authority Designated Officer about adults who work with children.

select * from indicator_count('CSC.LADO_REFERRALS')
