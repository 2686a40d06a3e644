-- Forecasts through the library's one path. Fixed methods here (auto's
-- calibration moves as it improves; postgres/test/compare checks auto, and
-- every method, against the CLI on the same data, to the last digit).
-- China's R&D intensity, a % series: on the logit scale between 0 and 100.
SELECT * FROM ind_forecast(ARRAY[2.40, 2.44, 2.54, 2.65, 2.69], '2020', 'drift', unit => '%');
-- drift by hand on the last row: 36326.8 + h (36326.8 - 22143.6) / 5
SELECT period, h, forecast, forecast - (36326.8 + h * (36326.8 - 22143.6) / 5) AS minus_by_hand
FROM ind_forecast(ARRAY[22143.6, 24393.1, 27956.3, 30782.9, 33357.1, 36326.8], '2019',
                  'drift', 3);
-- auto: the default; its point forecast lies inside its intervals
SELECT count(*), bool_and(lo95 < lo80 AND lo80 < forecast AND forecast < hi80 AND hi80 < hi95)
       AS nested, min(method) AS method
FROM ind_forecast(ARRAY[22143.6, 24393.1, 27956.3, 30782.9, 33357.1, 36326.8], '2019');
-- periods given one by one: gaps are filled (and said), NULL values are gaps
SELECT period, h, forecast, method, note
FROM ind_forecast(ARRAY[1.14, NULL, 2.1], ARRAY['2020', '2022', '2023'], 'drift', 2);
-- every method of the table, on one series
SELECT m, period, forecast, lo95, hi95, method
FROM unnest(ARRAY['naive', 'drift', 'linear', 'loglinear', 'theta', 'ets', 'arima']) AS m,
     ind_forecast(ARRAY[100, 104.1, 109, 112.5, 118.2, 121, 127.9, 131.3, 137.2, 140.8, 147.9],
                  '2012', m, 2) f
ORDER BY m, h;
-- other levels: lo80 .. hi95 are NULL unless asked for, lo and hi follow levels
SELECT period, lo80, hi95, lo, hi
FROM ind_forecast(ARRAY[10, 12, 13, 15, 16, 18], '2019Q1', 'drift', 2, '{50,95}');
-- quarters and months continue in their own frequency
SELECT period FROM ind_forecast(ARRAY[1, 2, 3, 4, 5], '2023Q3', 'naive', 3);
SELECT period FROM ind_forecast(ARRAY[1, 2, 3], '2023-11', 'naive', 3);
-- too few values: no rows, a NOTICE with the reason
SELECT * FROM ind_forecast(ARRAY[1, 2], '2020', 'ets');
SELECT count(*) FROM ind_forecast(ARRAY[NULL, NULL]::float8[], '2020');
-- bad requests: the library's messages (SQLSTATE 22023)
\set VERBOSITY sqlstate
SELECT * FROM ind_forecast(ARRAY[1, 2, 3], '2020', 'prophet');
\set VERBOSITY default
SELECT * FROM ind_forecast(ARRAY[1, 2, 3], '2020', 'prophet');
SELECT * FROM ind_forecast(ARRAY[1, 2, 3], '2020', 'drift', 0);
SELECT * FROM ind_forecast(ARRAY[1, 2, 3], '2020', 'drift', 10001);
SELECT * FROM ind_forecast(ARRAY[1, 2, 3], '2020', 'drift', 2, '{80,80}');
SELECT * FROM ind_forecast(ARRAY[1, 2, 3], '2020', 'drift', 2, '{100}');
SELECT * FROM ind_forecast(ARRAY[1, 2, 3], '2020', 'drift', 2, '{80,NULL}');
SELECT * FROM ind_forecast(ARRAY[1, 2, 3], '2020', 'drift', 2, unit => repeat('%', 64));
SELECT * FROM ind_forecast(ARRAY[1, -2, 3], '2020', 'loglinear', 2);
SELECT * FROM ind_forecast(ARRAY[1, 2, 3], ARRAY['2020', '2021'], 'drift');
SELECT * FROM ind_forecast(ARRAY[1, 2, 3], ARRAY['2020', NULL, '2022'], 'drift');
SELECT * FROM ind_forecast(ARRAY[1, 2, 3], ARRAY['2020', '2021', '2021'], 'drift');
SELECT * FROM ind_forecast(ARRAY[1, 'Infinity', 3]::float8[], '2020', 'drift');
SELECT * FROM ind_forecast(ARRAY[[1, 2], [3, 4]], '2020', 'drift');
-- NULL in, NULL out (STRICT)
SELECT count(*) FROM ind_forecast(NULL, '2020');
-- the aggregate: one row of arrays per group, as in
-- SELECT series, (ind_forecast_agg(period, value, 'auto', 5)).* ... GROUP BY series
-- (rows in any order; an ORDER BY goes after the last argument: in
-- ind_forecast_agg(period, value ORDER BY period, 'auto', 5), 'auto' and 5 are sort keys)
CREATE TABLE obs (series text, period text, value float8);
INSERT INTO obs SELECT 's' || s, (2000 + y)::text, 100 * (1 + 0.01 * s) ^ y + (y % 3) * s
FROM generate_series(1, 4) s, generate_series(0, 11) y;
INSERT INTO obs VALUES ('short', '2020', 1);
\x on
SELECT series, (ind_forecast_agg(period, value, 'ets', 3 ORDER BY period)).*
FROM obs GROUP BY series ORDER BY series;
\x off
-- the aggregate equals the function on the same values
SELECT series, bool_and(a.f = b.forecast AND a.l = b.lo95 AND a.u = b.hi95) AS same, count(*)
FROM (SELECT series, (ind_forecast_agg(period, value, 'ets', 4)).* FROM obs GROUP BY series) g,
     unnest(g.period, g.forecast, g.lo95, g.hi95) a(p, f, l, u),
     LATERAL (SELECT * FROM ind_forecast((SELECT array_agg(value ORDER BY period) FROM obs o
                                          WHERE o.series = g.series), '2000', 'ets', 4)) b
WHERE a.p = b.period GROUP BY series ORDER BY series;
-- integer years, unit, and the options must not change within a group
SELECT (ind_forecast_agg(y, v, 'drift', 2, '%')).forecast
FROM (VALUES (2020, 10), (2021, 20)) t(y, v);
SELECT (ind_forecast_agg(y, v, m, 2)).forecast
FROM (VALUES (2020, 10, 'drift'), (2021, 20, 'naive')) t(y, v, m);
