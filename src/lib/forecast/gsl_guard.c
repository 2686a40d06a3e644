/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * gsl_guard.c - the library's discipline with GSL's error handler (contract
 * in include/indicators/forecast.h).
 *
 * GSL reports errors twice: as a status returned to the caller, which the
 * methods check, and through a process-global handler whose default prints
 * and calls abort(). A library must not abort its host, and cannot rely on
 * the host having switched the handler off (only our own CLI's main() does),
 * nor make sure that no GSL routine it calls ever reaches the handler (root
 * finders, solvers and allocators all may). So every entry point that can
 * reach GSL switches the default handler off, under a lock, leaving any
 * handler the program installed itself in place. Checking on every entry
 * rather than once covers a program that reinstalls the default later; the
 * lock keeps two threads of ours from swapping handlers in an order that
 * would lose the program's.
 */
#include <pthread.h>

#include <gsl/gsl_errno.h>

#include "methods.h"

static pthread_mutex_t guard_lock = PTHREAD_MUTEX_INITIALIZER;

void fc_gsl_guard(void)
{
    pthread_mutex_lock(&guard_lock);
    /* gsl_set_error_handler_off returns the handler it replaced: NULL is the
       default (abort), which stays off; any other handler goes back */
    gsl_error_handler_t *previous = gsl_set_error_handler_off();
    if (previous)
        gsl_set_error_handler(previous);
    pthread_mutex_unlock(&guard_lock);
}
