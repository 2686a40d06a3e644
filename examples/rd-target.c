/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rd-target.c - libindicators from a program of your own: load a CSV, compute
 * a series' growth, forecast it and check it against a target.
 *
 *   cc rd-target.c $(pkg-config --cflags --libs indicators) -o rd-target
 *   ./rd-target datasets/rd.csv rd_intensity China '>= 2.8 by 2025'
 *
 * Prints the CAGR over the series, a 3-step forecast with its 80 % interval
 * and the verdict on the target; exit status 0, or 1 with the library's
 * "FILE:LINE:COL: error: ..." message.
 */
#include <stdio.h>
#include <stdlib.h>

#include <indicators/indicators.h>

static int fail(const ind_error *err)
{
    char msg[1200];
    ind_error_format(err, msg, sizeof msg);
    fprintf(stderr, "rd-target: %s\n", msg);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: rd-target FILE SERIES ENTITY TARGET\n");
        return 2;
    }
    /* no gsl_set_error_handler_off() needed: the library keeps GSL from aborting */
    printf("libindicators %s (compiled against %s)\n", ind_version(), IND_VERSION);

    ind_error err;
    ind_dataset *ds = NULL;
    if (ind_load_file(argv[1], NULL, &ds, NULL, &err) != IND_OK)
        return fail(&err);
    const ind_series *s = ind_dataset_find(ds, argv[2], argv[3]);
    if (!s) {
        fprintf(stderr, "rd-target: %s has no series %s for %s\n", argv[1], argv[2], argv[3]);
        ind_dataset_free(ds);
        return 1;
    }

    ind_growth_summary g;
    if (ind_growth_summarize(s, NULL, &g, &err) != IND_OK) {
        ind_dataset_free(ds);
        return fail(&err);
    }
    char from[32], to[32];
    ind_period_format(g.start, from, sizeof from);
    ind_period_format(g.end, to, sizeof to);
    if (g.cagr.defined)
        printf("%s [%s] %s %g -> %s %g: CAGR %.2f%%/yr\n", s->name, s->entity, from,
               g.first.value, to, g.latest.value, 100 * g.cagr.value);
    else
        printf("%s [%s]: no CAGR (%s)\n", s->name, s->entity, g.cagr.why);

    /* the series as every indicators command forecasts it: gaps filled, a % series
       kept between 0 and 100 (drift of the logit) */
    ind_forecast_request req;
    ind_forecast_request_init(&req);
    req.method = ind_forecast_method_find("drift", NULL);
    req.horizon = 3;
    ind_forecast f;
    if (ind_forecast_series(s, &req, &f, &err) != IND_OK) {
        ind_dataset_free(ds);
        return fail(&err);
    }
    for (size_t i = 0; i < f.h; i++)
        printf("forecast h=%zu: %.4f [%.4f, %.4f]\n", i + 1, f.mean[i], f.lo[i * f.nlevels],
               f.hi[i * f.nlevels]);
    ind_forecast_clear(&f);

    ind_target t;
    ind_assessment a;
    char text[512];
    snprintf(text, sizeof text, "%s[%s] %s", argv[2], argv[3], argv[4]);
    ind_target_options to_opt;
    ind_target_options_init(&to_opt);
    to_opt.request.method = req.method;
    if (ind_target_parse(text, &t, &err) != IND_OK ||
        ind_target_assess(s, &t, &to_opt, &a, &err) != IND_OK) {
        ind_dataset_free(ds);
        return fail(&err);
    }
    printf("target %s: %s (%s)\n", text, ind_verdict_name(a.verdict), a.reason);
    ind_dataset_free(ds);
    return 0;
}
