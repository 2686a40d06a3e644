-- Growth aggregates over (period, value) rows; the CLI's figures (README:
-- Luohe 1.14 % in 2020 to 2.1 % in 2023 is a CAGR of 22.585 %/yr).
CREATE TABLE rd (series text, entity text, year int, value float8, unit text);
INSERT INTO rd VALUES
  ('rd_intensity', 'China', 2020, 2.40, '%'), ('rd_intensity', 'China', 2021, 2.44, '%'),
  ('rd_intensity', 'China', 2022, 2.54, '%'), ('rd_intensity', 'China', 2023, 2.65, '%'),
  ('rd_intensity', 'China', 2024, 2.69, '%'), ('rd_intensity', 'Luohe', 2020, 1.14, '%'),
  ('rd_intensity', 'Luohe', 2023, 2.10, '%'), ('rd_intensity', 'Henan', 2022, 1.96, '%'),
  ('rd_intensity', 'Henan', 2023, 2.05, '%');
SELECT entity, ind_cagr(year, value) FROM rd GROUP BY entity ORDER BY entity;
-- (1.14 -> 2.1 over 3 years) by hand: (2.1/1.14)^(1/3) - 1
SELECT round((100 * ((2.1 / 1.14) ^ (1.0 / 3) - 1))::numeric, 10) AS by_hand;
\x on
SELECT entity, (ind_growth(year::text, value, unit)).* FROM rd GROUP BY entity ORDER BY entity;
\x off
-- rows in any order; NULL values are missing (skipped), not zeros
SELECT (ind_growth(p, v)).cagr FROM (VALUES ('2023', 2.1), ('2021', NULL), ('2020', 1.14)) t(p, v);
-- without a % unit there is no pp, and no note about it
SELECT (ind_growth(p, v)).* FROM (VALUES ('2020', 100), ('2022', 121)) t(p, v);
-- undefined figures are NULL with the reason in note
SELECT (ind_growth(p, v)).* FROM (VALUES ('2020', -1), ('2022', 3)) t(p, v);
SELECT (ind_growth(p, v)).* FROM (VALUES ('2020', 5)) t(p, v);
SELECT (ind_growth(p, v)).* FROM (VALUES ('2020', NULL::float8)) t(p, v);
-- no rows: NULL
SELECT ind_cagr(year, value), ind_growth(year, value) IS NULL AS none FROM rd WHERE false;
-- quarters: n counts years
SELECT (ind_growth(p, v)).years, ind_cagr(p, v)
FROM (VALUES ('2022Q1', 100), ('2023Q3', 130)) t(p, v);
-- the library's rules on the data are errors with its message
\set VERBOSITY sqlstate
SELECT ind_cagr(p, v) FROM (VALUES ('2020', 1), ('2020', 2)) t(p, v);
\set VERBOSITY default
SELECT ind_cagr(p, v) FROM (VALUES ('2020', 1), ('2020', 2)) t(p, v);
SELECT ind_cagr(p, v) FROM (VALUES ('2020', 1), ('2021Q1', 2)) t(p, v);
SELECT ind_cagr(p, v) FROM (VALUES ('2020', 1::float8), ('2021', 'NaN')) t(p, v);
SELECT ind_cagr(p, v) FROM (VALUES ('2020', 1), (NULL, 2)) t(p, v);
SELECT ind_cagr(p, v) FROM (VALUES ('2020', 1), ('20x1', 2)) t(p, v);
SELECT (ind_growth(p, v, u)).cagr FROM (VALUES ('2020', 1, '%'), ('2021', 2, 'bn')) t(p, v, u);
-- as a window function: running CAGR
SELECT year, round(ind_cagr(year, value) OVER (ORDER BY year)::numeric, 6)
FROM rd WHERE entity = 'China' ORDER BY year;
