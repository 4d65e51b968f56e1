-- sample_cost_centers: the allocation key. Grain: one row per cost center and category.
-- weight: the share of ledger lines booked on the cost center (generator only; not exported).
create or replace table sample_cost_centers as
select * from (values
    ('CC100', 'objectives', 1.0, 'awareness', 'Campagnes en mobilisatie', 0.20),
    ('CC110', 'objectives', 1.0, 'human_rights_work', 'Onderzoek en lobby', 0.17),
    ('CC120', 'objectives', 1.0, 'human_rights_work', 'Mensenrechteneducatie', 0.08),
    ('CC130', 'objectives', 1.0, 'international_contribution', 'Internationale bijdrage', 0.14),
    ('CC140', 'objectives', 0.8, 'awareness', 'Lokale groepen', 0.08),
    ('CC140', 'fundraising', 0.2, null, 'Lokale groepen', 0.08),
    ('CC200', 'fundraising', 1.0, null, 'Ledenwerving', 0.10),
    ('CC210', 'fundraising', 1.0, null, 'Nalatenschappen en grote giften', 0.03),
    ('CC300', 'objectives', 0.6, 'awareness', 'Communicatie', 0.10),
    ('CC300', 'fundraising', 0.4, null, 'Communicatie', 0.10),
    ('CC400', 'management_admin', 1.0, null, 'Directie en bestuur', 0.03),
    ('CC410', 'objectives', 0.5, 'human_rights_work', 'Financiën en ICT', 0.07),
    ('CC410', 'management_admin', 0.3, null, 'Financiën en ICT', 0.07),
    ('CC410', 'fundraising', 0.2, null, 'Financiën en ICT', 0.07)
) as t(cost_center, category, share, objective, name, weight);
