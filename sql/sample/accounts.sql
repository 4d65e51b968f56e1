-- sample_accounts: the chart of accounts. Grain: one row per ledger account; covers every account of
-- sample_spending, plus two the ledger does not use yet.
create or replace table sample_accounts as
select * from (values
    ('4000', 'Salarissen en sociale lasten', 'personnel', 'yes'),
    ('4100', 'Huisvesting', 'housing', 'yes'),
    ('4200', 'Campagne- en wervingsmateriaal', 'communication', 'no'),
    ('4300', 'Uitbesteed werk en projecten', 'outsourced_work', 'no'),
    ('4500', 'Kantoor en ICT', 'office_general', 'yes'),
    ('4800', 'Bijdrage internationale beweging', 'grants_contributions', 'yes'),
    ('4900', 'Afschrijvingen', 'depreciation_interest', 'yes'),
    ('4950', 'Inkoop merchandise', 'purchases', 'no')
) as t(account, name, cost_type, structural);
