# SPDX-License-Identifier: GPL-3.0-or-later
# R's forecasts for one collection, as ../shared/ref/r-forecast/ holds them for the full
# collections (R's forecast package; Debian: apt-get install r-cran-forecast).
#
# Usage: Rscript scripts/bench/r-forecast.R TRAIN.csv TEST.csv OUTPREFIX
# Writes OUTPREFIX-<method>.csv (series,h,forecast,lo80,hi80,lo95,hi95) for ets
# (ets()), arima (auto.arima()), theta (thetaf()), naive (naive()), drift
# (rwf(drift = TRUE)), snaive (seasonal data only) and comb (mean of the ets, arima
# and theta points), and OUTPREFIX-seconds.csv (method,seconds,failed). A method
# that stops with an error on a series (too few values) gives naive's forecast
# there and is counted in `failed`. Periods: years, 1984Q1 quarters, 1984-01 months.
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 3) stop("usage: r-forecast.R TRAIN.csv TEST.csv OUTPREFIX")
train <- read.csv(args[1], colClasses = c("character", "character", "numeric"))
test <- read.csv(args[2], colClasses = c("character", "character", "numeric"))
h <- max(table(test$series))
freq_of <- function(p) if (grepl("Q", p[1])) 4 else if (grepl("-", p[1])) 12 else 1
start_of <- function(p, f) {
  if (f == 1) return(as.numeric(p[1]))
  if (f == 4) return(c(as.numeric(substr(p[1], 1, 4)), as.numeric(substr(p[1], 6, 6))))
  c(as.numeric(substr(p[1], 1, 4)), as.numeric(substr(p[1], 6, 7)))
}
methods <- list(
  ets = function(y) forecast(ets(y), h = h, level = c(80, 95)),
  arima = function(y) forecast(auto.arima(y), h = h, level = c(80, 95)),
  theta = function(y) thetaf(y, h = h, level = c(80, 95)),
  naive = function(y) naive(y, h = h, level = c(80, 95)),
  drift = function(y) rwf(y, drift = TRUE, h = h, level = c(80, 95)),
  snaive = function(y) snaive(y, h = h, level = c(80, 95))
)
names_s <- unique(train$series)
series <- lapply(names_s, function(s) {
  d <- train[train$series == s, ]
  d <- d[if (all(grepl("^[0-9]+$", d$period))) order(as.numeric(d$period)) else order(d$period), ]
  f <- freq_of(d$period)
  ts(d$value, frequency = f, start = start_of(d$period, f))
})
seasonal <- frequency(series[[1]]) > 1
rows <- function(s, fc) data.frame(series = s, h = seq_len(h), forecast = as.numeric(fc$mean),
  lo80 = as.numeric(fc$lower[, 1]), hi80 = as.numeric(fc$upper[, 1]),
  lo95 = as.numeric(fc$lower[, 2]), hi95 = as.numeric(fc$upper[, 2]))
secs <- data.frame()
points <- list()
for (m in names(methods)) {
  if (m == "snaive" && !seasonal) next
  failed <- 0
  t0 <- proc.time()[["elapsed"]]
  out <- vector("list", length(series))
  for (i in seq_along(series)) {
    fc <- tryCatch(suppressWarnings(methods[[m]](series[[i]])), error = function(e) NULL)
    if (is.null(fc) || any(!is.finite(fc$mean))) {
      failed <- failed + 1
      fc <- naive(series[[i]], h = h, level = c(80, 95))
    }
    out[[i]] <- rows(names_s[i], fc)
  }
  secs <- rbind(secs, data.frame(method = m, seconds = proc.time()[["elapsed"]] - t0,
                                 failed = failed))
  d <- do.call(rbind, out)
  points[[m]] <- d$forecast
  write.csv(d, paste0(args[3], "-", m, ".csv"), row.names = FALSE, quote = FALSE)
}
comb <- d[, c("series", "h")]
comb$forecast <- (points$ets + points$arima + points$theta) / 3
write.csv(comb, paste0(args[3], "-comb.csv"), row.names = FALSE, quote = FALSE)
write.csv(secs, paste0(args[3], "-seconds.csv"), row.names = FALSE, quote = FALSE)
