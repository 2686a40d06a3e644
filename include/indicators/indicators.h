/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * indicators.h - the whole libindicators API in one include:
 * #include <indicators/indicators.h>, link with pkg-config's `indicators`.
 */
#ifndef INDICATORS_INDICATORS_H
#define INDICATORS_INDICATORS_H

#include "indicators/chart.h"
#include "indicators/dataset.h"
#include "indicators/error.h"
#include "indicators/forecast.h"
#include "indicators/growth.h"
#include "indicators/html.h"
#include "indicators/labels.h"
#include "indicators/load.h"
#include "indicators/output.h"
#include "indicators/period.h"
#include "indicators/report.h"
#include "indicators/target.h"
#include "indicators/derive.h"
#include "indicators/claim.h"
#include "indicators/version.h"
#include "indicators/workbook.h"

#endif
