-- id: contact_conversion
-- title: Contacts progressing to referral
-- theme: front_door
-- unit: percent
-- numerator: CSC.REFERRALS
-- denominator: CSC.CONTACTS
-- basis: flow
-- polarity: band
-- green: 18 to 35
-- amber: 12 to 45
-- benchmark: -
-- benchmark_note: No DfE figure; ADCS Safeguarding Pressures estimates about 21% nationally.
-- headline: 5
-- definition: Of the contacts children's social care received, the share that became a referral. Very low means many contacts that did not need social care; very high can mean thresholds applied too early.

select * from indicator_percent('CSC.REFERRALS', 'CSC.CONTACTS')
