-- Parallel and partial aggregation: the aggregates' states are combined
-- (serialised between workers) and give the results of a serial plan.
CREATE TABLE big (series int, year int, value float8);
INSERT INTO big SELECT s, 1990 + y, 100 + s + y * (1 + (s % 7)) + ((s * y) % 5)
FROM generate_series(1, 3000) s, generate_series(0, 19) y;
ANALYZE big;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET enable_indexscan = off;
-- one group: Partial Aggregate in the workers, Finalize Aggregate above
EXPLAIN (COSTS OFF) SELECT ind_cagr(year, value) FROM big;
CREATE TABLE par AS SELECT series, ind_cagr(year, value) c, (ind_growth(year, value)).multiple m,
    (ind_forecast_agg(year, value, 'drift', 2)).forecast f FROM big GROUP BY series;
EXPLAIN (COSTS OFF)
SELECT series, ind_cagr(year, value), (ind_forecast_agg(year, value, 'drift', 2)).forecast
FROM big GROUP BY series;
SET max_parallel_workers_per_gather = 0;
CREATE TABLE ser AS SELECT series, ind_cagr(year, value) c, (ind_growth(year, value)).multiple m,
    (ind_forecast_agg(year, value, 'drift', 2)).forecast f FROM big GROUP BY series;
SELECT count(*) AS series, count(*) FILTER (WHERE p.c = s.c AND p.m = s.m AND p.f = s.f) AS equal
FROM par p JOIN ser s USING (series);
-- one series whose rows are spread over the workers: the combined state is the whole series
CREATE TABLE one AS SELECT to_char(date '1200-01-01' + make_interval(months => m), 'YYYY-MM') p,
    1000 * exp(m / 12000.0) + (m % 12) v FROM generate_series(0, 29999) m;
ANALYZE one;
SET max_parallel_workers_per_gather = 2;
-- (ANALYZE: the workers did run; their partial states were serialised to the leader)
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT ind_cagr(p, v) FROM one;
CREATE TABLE one_par AS SELECT ind_cagr(p, v) c, (ind_growth(p, v)).* FROM one;
SET max_parallel_workers_per_gather = 0;
SELECT (SELECT c FROM one_par) = ind_cagr(p, v) AS same_cagr,
       (SELECT (first, latest, years) FROM one_par) = ((ind_growth(p, v)).first,
           (ind_growth(p, v)).latest, (ind_growth(p, v)).years) AS same_figures,
       (SELECT latest_period FROM one_par) AS latest_period
FROM one;
RESET ALL;
