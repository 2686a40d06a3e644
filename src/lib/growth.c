/*
 * growth.c - growth statistics of one series (see include/indicators/growth.h).
 */
#include "indicators/growth.h"

#include <math.h>

static ind_figure undefined(const char *why)
{
    ind_figure f = {false, 0.0, why};
    return f;
}

static ind_figure defined(double value)
{
    ind_figure f = {true, value, NULL};
    return f;
}

ind_figure ind_growth_cagr(double x0, double x1, double years)
{
    if (!(years > 0))
        return undefined("needs two different periods");
    if (!(x0 > 0) || !(x1 > 0))
        return undefined("CAGR needs positive values");
    return defined(pow(x1 / x0, 1.0 / years) - 1.0);
}

ind_figure ind_growth_doubling_time(double g)
{
    if (!(g > 0))
        return undefined("not growing");
    return defined(log(2.0) / log1p(g));
}
