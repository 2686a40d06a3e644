/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * period.h - periods of indicator data: years, halves, quarters and months.
 *
 * A period is a frequency plus an ordinal that counts periods since year 0:
 * ord = year * freq + (sub - 1), where freq is the number of periods in a
 * year (1, 2, 4, 12) and sub is the half, quarter or month (1-based; 1 for
 * years). Consecutive periods differ by 1, and the same period a year
 * earlier is ord - freq, so growth and forecasting work on ordinals alone.
 *
 * Accepted spellings (surrounding spaces ignored, case-insensitive):
 *   years     2023  2023年  (any integer 1..9999, so competition data numbered 1..n loads)
 *   halves    2024H1  2024-H1  2024 H1  2024S1  2024年上半年  2024年下半年  2024年H1
 *   quarters  2023Q3  2023-Q3  2023 Q3  Q3 2023  2023年第三季度  2023年第3季度  2023年3季度
 *   months    2023-06  2023-6  2023/06  2023M06  2023M6  2023年6月  2023年06月  2023.06
 * and, with ind_period_parse_as and a frequency, calendar dates:
 *   dates     2024-01-31  2024/1/31  2024年1月31日  (a time after it, "2024-01-31 00:00:00",
 *             as spreadsheets export dates, is allowed) -> the period the day falls in
 */
#ifndef INDICATORS_PERIOD_H
#define INDICATORS_PERIOD_H

#include <stddef.h>
#include <stdint.h>

#include "indicators/export.h"

IND_BEGIN_DECLS

typedef enum ind_freq {
    IND_FREQ_UNKNOWN = 0,
    IND_FREQ_YEAR = 1,
    IND_FREQ_HALF = 2,
    IND_FREQ_QUARTER = 4,
    IND_FREQ_MONTH = 12,
} ind_freq;

typedef struct ind_period {
    ind_freq freq;
    int32_t ord; /* year * freq + (sub - 1) */
} ind_period;

/* Longest text ind_period_format writes, with its NUL. */
#define IND_PERIOD_TEXT_MAX 16

/*
 * The years of a period: 1..9999. Every period in that range reads back from
 * its text (four digits at most); year 0 would make a year earlier negative
 * and a forecast past 9999-12 would write 10000-01, which no reader takes.
 */
#define IND_YEAR_MIN 1
#define IND_YEAR_MAX 9999

/* ind_period_parse's (and ind_date_parse's) answer for a period of a year outside 1..9999. */
#define IND_PERIOD_OUT_OF_RANGE (-2)

/* The last period of freq in IND_YEAR_MAX (9999-12, 9999Q4, 9999H2, 9999). */
ind_period ind_period_last(ind_freq freq);

/*
 * Parses s[0..len) as a period. Returns 0 and fills *out, -1 when the text
 * is not a period in any accepted spelling, or IND_PERIOD_OUT_OF_RANGE when
 * it is one whose year (up to five digits) is outside IND_YEAR_MIN..IND_YEAR_MAX
 * (out is then untouched).
 */
int ind_period_parse(const char *s, size_t len, ind_period *out);

/*
 * Parses s[0..len) as a calendar date (2024-01-31, 2024/1/31, 2024年1月31日,
 * optionally followed by a time of day). Returns 0 and the year, month and
 * day (a real day: 2023-02-29 is not one), IND_PERIOD_OUT_OF_RANGE for year 0,
 * or -1.
 */
int ind_date_parse(const char *s, size_t len, int *year, int *month, int *day);

/*
 * Parses s[0..len) as a period, or as a date read as the period of
 * frequency freq it falls in (2024-03-31 with IND_FREQ_QUARTER: 2024Q1). A
 * period finer than freq also becomes the period of freq it lies in (2024-03
 * as a quarter: 2024Q1); one coarser than freq (2024 as a month) is -1. With
 * IND_FREQ_UNKNOWN this is ind_period_parse: a date is -1. A period or date
 * of a year outside 1..9999 is IND_PERIOD_OUT_OF_RANGE.
 */
int ind_period_parse_as(const char *s, size_t len, ind_freq freq, ind_period *out);

/* "year"/"annual", "half", "quarter", "month" (also -ly forms); 0, or -1 when unknown. */
int ind_freq_parse(const char *name, ind_freq *out);

/* The period of frequency freq, year and 1-based sub-period (1 for years). */
ind_period ind_period_make(ind_freq freq, int year, int sub);

int ind_period_year(ind_period p);
/* 1-based half, quarter or month; 1 for years. */
int ind_period_sub(ind_period p);

/* p shifted by k periods of its own frequency. */
ind_period ind_period_add(ind_period p, int32_t k);

/*
 * Canonical text: "2023", "2024H1", "2023Q3", "2023-06". Writes at most n
 * bytes including the NUL; returns the length of the full text.
 */
size_t ind_period_format(ind_period p, char *buf, size_t n);

/*
 * The period as Chinese statistical publications write it: "2023年",
 * "2024年上半年", "2023年一季度", "2023年6月". At most IND_PERIOD_TEXT_ZH_MAX
 * bytes with the NUL; returns the length of the full text.
 */
#define IND_PERIOD_TEXT_ZH_MAX 32
size_t ind_period_format_zh(ind_period p, char *buf, size_t n);

/* Years from a to b (b - a), in fractions of a year; both of one frequency. */
double ind_period_years_between(ind_period a, ind_period b);

/* "annual", "half-yearly", "quarterly", "monthly" ("unknown" for 0). */
const char *ind_freq_name(ind_freq freq);

IND_END_DECLS

#endif
