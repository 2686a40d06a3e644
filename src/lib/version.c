/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * version.c - the version the library was built as, for programs that want
 * to check the one they run with against the header they compiled with.
 */
#include "indicators/version.h"

const char *ind_version(void)
{
    return IND_VERSION;
}
