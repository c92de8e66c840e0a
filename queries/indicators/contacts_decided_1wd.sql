-- id: contacts_decided_1wd
-- title: Contacts decided within 1 working day
-- theme: front_door
-- unit: percent
-- numerator: CSC.CONTACTS_DECIDED_1WD
-- denominator: CSC.CONTACTS
-- basis: flow
-- polarity: up
-- green: >= 90
-- amber: >= 80
-- benchmark: -
-- headline: 4
-- definition: Share of contacts where the front door (MASH) decided what should happen next within one working day.

select * from indicator_percent('CSC.CONTACTS_DECIDED_1WD', 'CSC.CONTACTS')
