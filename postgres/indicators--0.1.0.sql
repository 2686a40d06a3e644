-- SPDX-License-Identifier: GPL-3.0-or-later
-- indicators 0.1.0: libindicators in SQL (see postgres/README.md).
-- Every function is IMMUTABLE (the same rows give the same numbers: the
-- forecasts' random draws use the library's fixed seed) and PARALLEL SAFE;
-- the aggregates have combine, serialise and deserialise functions, so that
-- PostgreSQL runs them in parallel workers and pushes them to postgres_fdw
-- shards. Values come in only as arguments: nothing here builds SQL.
\echo Use "CREATE EXTENSION indicators" to load this file. \quit

-- ---- periods ----

CREATE TYPE ind_period AS (period text, frequency text, year int, sub int, ordinal int);

CREATE FUNCTION ind_parse_period(text) RETURNS ind_period
    AS 'MODULE_PATHNAME', 'ind_parse_period_sql'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- ---- the aggregates' state, shared ----

CREATE FUNCTION ind_state_combine(internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ind_state_serial(internal) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ind_state_deserial(bytea, internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- ---- growth: ind_cagr(period, value), ind_growth(period, value [, unit]) ----

-- cagr in percent a year (the CLI's cagr_pct); pp only for a unit starting with %.
CREATE TYPE ind_growth_result AS (
    first float8, latest float8, cagr float8, pp float8, multiple float8,
    doubling_years float8, note text, first_period text, latest_period text, years float8);

CREATE FUNCTION ind_growth_trans(internal, text, float8) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ind_growth_trans(internal, int, float8) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ind_growth_trans(internal, text, float8, text) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ind_growth_trans(internal, int, float8, text) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ind_cagr_final(internal) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ind_growth_final(internal) RETURNS ind_growth_result
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE ind_cagr(period text, value float8) (
    SFUNC = ind_growth_trans, STYPE = internal, FINALFUNC = ind_cagr_final,
    COMBINEFUNC = ind_state_combine, SERIALFUNC = ind_state_serial,
    DESERIALFUNC = ind_state_deserial, PARALLEL = SAFE);
CREATE AGGREGATE ind_cagr(period int, value float8) (
    SFUNC = ind_growth_trans, STYPE = internal, FINALFUNC = ind_cagr_final,
    COMBINEFUNC = ind_state_combine, SERIALFUNC = ind_state_serial,
    DESERIALFUNC = ind_state_deserial, PARALLEL = SAFE);
CREATE AGGREGATE ind_growth(period text, value float8) (
    SFUNC = ind_growth_trans, STYPE = internal, FINALFUNC = ind_growth_final,
    COMBINEFUNC = ind_state_combine, SERIALFUNC = ind_state_serial,
    DESERIALFUNC = ind_state_deserial, PARALLEL = SAFE);
CREATE AGGREGATE ind_growth(period int, value float8) (
    SFUNC = ind_growth_trans, STYPE = internal, FINALFUNC = ind_growth_final,
    COMBINEFUNC = ind_state_combine, SERIALFUNC = ind_state_serial,
    DESERIALFUNC = ind_state_deserial, PARALLEL = SAFE);
CREATE AGGREGATE ind_growth(period text, value float8, unit text) (
    SFUNC = ind_growth_trans, STYPE = internal, FINALFUNC = ind_growth_final,
    COMBINEFUNC = ind_state_combine, SERIALFUNC = ind_state_serial,
    DESERIALFUNC = ind_state_deserial, PARALLEL = SAFE);
CREATE AGGREGATE ind_growth(period int, value float8, unit text) (
    SFUNC = ind_growth_trans, STYPE = internal, FINALFUNC = ind_growth_final,
    COMBINEFUNC = ind_state_combine, SERIALFUNC = ind_state_serial,
    DESERIALFUNC = ind_state_deserial, PARALLEL = SAFE);

-- ---- forecasts ----

-- One row per step; lo80 .. hi95 are NULL when levels lacks 80 or 95 (lo, hi:
-- the bounds at every level asked for) or the forecast has no interval.
CREATE FUNCTION ind_forecast("values" float8[], periods text[], method text DEFAULT 'auto',
        horizon int DEFAULT 5, levels float8[] DEFAULT '{80,95}', unit text DEFAULT '')
    RETURNS TABLE (period text, h int, forecast float8, lo80 float8, hi80 float8,
                   lo95 float8, hi95 float8, method text, note text, lo float8[], hi float8[])
    AS 'MODULE_PATHNAME', 'ind_forecast_sql'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 5;
CREATE FUNCTION ind_forecast("values" float8[], start text, method text DEFAULT 'auto',
        horizon int DEFAULT 5, levels float8[] DEFAULT '{80,95}', unit text DEFAULT '')
    RETURNS TABLE (period text, h int, forecast float8, lo80 float8, hi80 float8,
                   lo95 float8, hi95 float8, method text, note text, lo float8[], hi float8[])
    AS 'MODULE_PATHNAME', 'ind_forecast_sql'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 5;

-- One row per group: the steps as arrays; without a forecast the arrays are
-- NULL and note says why.
CREATE TYPE ind_forecast_set AS (
    period text[], forecast float8[], lo80 float8[], hi80 float8[], lo95 float8[],
    hi95 float8[], method text, note text);

CREATE FUNCTION ind_forecast_trans(internal, text, float8) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ind_forecast_trans(internal, int, float8) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ind_forecast_trans(internal, text, float8, text) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ind_forecast_trans(internal, int, float8, text) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ind_forecast_trans(internal, text, float8, text, int) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ind_forecast_trans(internal, int, float8, text, int) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ind_forecast_trans(internal, text, float8, text, int, text) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ind_forecast_trans(internal, int, float8, text, int, text) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ind_forecast_agg_final(internal) RETURNS ind_forecast_set
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE ind_forecast_agg(period text, value float8) (
    SFUNC = ind_forecast_trans, STYPE = internal, FINALFUNC = ind_forecast_agg_final,
    COMBINEFUNC = ind_state_combine, SERIALFUNC = ind_state_serial,
    DESERIALFUNC = ind_state_deserial, PARALLEL = SAFE);
CREATE AGGREGATE ind_forecast_agg(period int, value float8) (
    SFUNC = ind_forecast_trans, STYPE = internal, FINALFUNC = ind_forecast_agg_final,
    COMBINEFUNC = ind_state_combine, SERIALFUNC = ind_state_serial,
    DESERIALFUNC = ind_state_deserial, PARALLEL = SAFE);
CREATE AGGREGATE ind_forecast_agg(period text, value float8, method text) (
    SFUNC = ind_forecast_trans, STYPE = internal, FINALFUNC = ind_forecast_agg_final,
    COMBINEFUNC = ind_state_combine, SERIALFUNC = ind_state_serial,
    DESERIALFUNC = ind_state_deserial, PARALLEL = SAFE);
CREATE AGGREGATE ind_forecast_agg(period int, value float8, method text) (
    SFUNC = ind_forecast_trans, STYPE = internal, FINALFUNC = ind_forecast_agg_final,
    COMBINEFUNC = ind_state_combine, SERIALFUNC = ind_state_serial,
    DESERIALFUNC = ind_state_deserial, PARALLEL = SAFE);
CREATE AGGREGATE ind_forecast_agg(period text, value float8, method text, horizon int) (
    SFUNC = ind_forecast_trans, STYPE = internal, FINALFUNC = ind_forecast_agg_final,
    COMBINEFUNC = ind_state_combine, SERIALFUNC = ind_state_serial,
    DESERIALFUNC = ind_state_deserial, PARALLEL = SAFE);
CREATE AGGREGATE ind_forecast_agg(period int, value float8, method text, horizon int) (
    SFUNC = ind_forecast_trans, STYPE = internal, FINALFUNC = ind_forecast_agg_final,
    COMBINEFUNC = ind_state_combine, SERIALFUNC = ind_state_serial,
    DESERIALFUNC = ind_state_deserial, PARALLEL = SAFE);
CREATE AGGREGATE ind_forecast_agg(period text, value float8, method text, horizon int,
        unit text) (
    SFUNC = ind_forecast_trans, STYPE = internal, FINALFUNC = ind_forecast_agg_final,
    COMBINEFUNC = ind_state_combine, SERIALFUNC = ind_state_serial,
    DESERIALFUNC = ind_state_deserial, PARALLEL = SAFE);
CREATE AGGREGATE ind_forecast_agg(period int, value float8, method text, horizon int,
        unit text) (
    SFUNC = ind_forecast_trans, STYPE = internal, FINALFUNC = ind_forecast_agg_final,
    COMBINEFUNC = ind_state_combine, SERIALFUNC = ind_state_serial,
    DESERIALFUNC = ind_state_deserial, PARALLEL = SAFE);

-- ---- targets ----

-- The columns of `indicators target --format csv` (percentages as its *_pct).
CREATE TYPE ind_assessment AS (
    kind text, goal_level float8, base text, base_value float8, latest text,
    latest_value float8, gap float8, required_growth_pct float8, actual_growth_pct float8,
    growth_ratio float8, eurostat text, destatis text, escap text, method text, model text,
    forecast float8, lo80 float8, hi80 float8, lo95 float8, hi95 float8,
    probability_pct float8, first_meets text, verdict text, reason text, disagree text,
    note text);

CREATE FUNCTION ind_target("values" float8[], periods text[], target text,
        method text DEFAULT 'auto', unit text DEFAULT '') RETURNS ind_assessment
    AS 'MODULE_PATHNAME', 'ind_target_sql'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ind_target("values" float8[], start text, target text,
        method text DEFAULT 'auto', unit text DEFAULT '') RETURNS ind_assessment
    AS 'MODULE_PATHNAME', 'ind_target_sql'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION ind_target_trans(internal, text, float8, text) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ind_target_trans(internal, int, float8, text) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ind_target_trans(internal, text, float8, text, text) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ind_target_trans(internal, int, float8, text, text) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ind_target_trans(internal, text, float8, text, text, text) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ind_target_trans(internal, int, float8, text, text, text) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ind_target_agg_final(internal) RETURNS ind_assessment
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE ind_target_agg(period text, value float8, target text) (
    SFUNC = ind_target_trans, STYPE = internal, FINALFUNC = ind_target_agg_final,
    COMBINEFUNC = ind_state_combine, SERIALFUNC = ind_state_serial,
    DESERIALFUNC = ind_state_deserial, PARALLEL = SAFE);
CREATE AGGREGATE ind_target_agg(period int, value float8, target text) (
    SFUNC = ind_target_trans, STYPE = internal, FINALFUNC = ind_target_agg_final,
    COMBINEFUNC = ind_state_combine, SERIALFUNC = ind_state_serial,
    DESERIALFUNC = ind_state_deserial, PARALLEL = SAFE);
CREATE AGGREGATE ind_target_agg(period text, value float8, target text, method text) (
    SFUNC = ind_target_trans, STYPE = internal, FINALFUNC = ind_target_agg_final,
    COMBINEFUNC = ind_state_combine, SERIALFUNC = ind_state_serial,
    DESERIALFUNC = ind_state_deserial, PARALLEL = SAFE);
CREATE AGGREGATE ind_target_agg(period int, value float8, target text, method text) (
    SFUNC = ind_target_trans, STYPE = internal, FINALFUNC = ind_target_agg_final,
    COMBINEFUNC = ind_state_combine, SERIALFUNC = ind_state_serial,
    DESERIALFUNC = ind_state_deserial, PARALLEL = SAFE);
CREATE AGGREGATE ind_target_agg(period text, value float8, target text, method text,
        unit text) (
    SFUNC = ind_target_trans, STYPE = internal, FINALFUNC = ind_target_agg_final,
    COMBINEFUNC = ind_state_combine, SERIALFUNC = ind_state_serial,
    DESERIALFUNC = ind_state_deserial, PARALLEL = SAFE);
CREATE AGGREGATE ind_target_agg(period int, value float8, target text, method text,
        unit text) (
    SFUNC = ind_target_trans, STYPE = internal, FINALFUNC = ind_target_agg_final,
    COMBINEFUNC = ind_state_combine, SERIALFUNC = ind_state_serial,
    DESERIALFUNC = ind_state_deserial, PARALLEL = SAFE);
