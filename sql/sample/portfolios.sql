-- sample_portfolios: the relationship managers' portfolios booked on sample_donations. Grain: one row per
-- portfolio. Not scaled: ten portfolios of different ages, some mature (36 months or more), some new.
create or replace table sample_portfolios as
select * from (values
    ('NAL-01', 'legacies', date '2017-03-01', 'Nalatenschappen Noord'),
    ('NAL-02', 'legacies', date '2021-09-01', 'Nalatenschappen Zuid'),
    ('NAL-03', 'legacies', date '2024-02-01', 'Nalatenschappen Randstad'),
    ('GG-01', 'major_donors', date '2018-06-01', 'Grote gevers I'),
    ('GG-02', 'major_donors', date '2022-01-15', 'Grote gevers II'),
    ('GG-03', 'major_donors', date '2023-04-01', 'Grote gevers III'),
    ('GG-04', 'major_donors', date '2025-01-06', 'Grote gevers IV'),
    ('BED-01', 'companies', date '2019-10-01', 'Bedrijven'),
    ('BED-02', 'companies', date '2024-09-01', 'Bedrijvenpartnerschappen'),
    ('INST-01', 'institutional', date '2016-01-01', 'Fondsen en overheden')
) as t(portfolio, segment, started_on, name);
