-- Targets: the verdicts, R and P(meet) of `indicators target` (README); the
-- forecast with a fixed method (postgres/test/compare checks auto against the CLI).
\x on
SELECT * FROM ind_target(ARRAY[2.40, 2.44, 2.54, 2.65, 2.69], '2020',
                         'rd_intensity[China] >= 2.8 by 2025', 'drift', unit => '%');
SELECT verdict, growth_ratio, reason
FROM ind_target(ARRAY[22143.6, 24393.1, 27956.3, 30782.9, 33357.1, 36326.8], '2019',
                'rd_spending[China] >= 7%/yr 2021-2025');
\x off
-- the aggregate, per entity
SELECT entity, (a).verdict, round((a).growth_ratio::numeric, 4) AS r, (a).destatis, (a).escap
FROM (SELECT entity, ind_target_agg(year, value, 'rd_intensity >= 2.5 by 2025', 'auto', '%') a
      FROM rd GROUP BY entity) t ORDER BY entity;
-- a past target year, a decrease target, a year's total of half-years
SELECT verdict, reason FROM ind_target(ARRAY[2.40, 2.44, 2.54], '2020', 'x >= 2.5 by 2020');
SELECT verdict, round(growth_ratio::numeric, 4) AS r
FROM ind_target(ARRAY[50, 45, 41, 38], '2020', 'co2 <= 20 by 2030');
SELECT verdict, reason FROM ind_target(ARRAY[4804], '2024H1', 'talent >= 9084 in 2024');
-- no values: cannot assess
SELECT verdict, reason FROM ind_target(ARRAY[NULL]::float8[], '2020', 'x >= 1 by 2025');
-- bad target text: the parser's message
SELECT verdict FROM ind_target(ARRAY[1, 2], '2020', 'x >= lots by 2025');
SELECT verdict FROM ind_target(ARRAY[1, 2], '2020', 'x >= 3 by 2025', 'prophet');
