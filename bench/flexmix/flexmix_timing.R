# flexmix's time per EM iteration on the data of FlexmixAgreementTest (docs/performance.md, "Against flexmix per
# EM iteration"), for the side-by-side with dgmoe's GatedEmFitter (bench: org.dgmoe.bench.GatedFlexmixTiming).
#
#   Rscript bench/flexmix/flexmix_timing.R core/src/test/resources/org/dgmoe/core/em/gated [ITERATIONS] [REPEATS]
#
# For each data set (a: d = 1, n = 1000, k = 2; b: d = 2, n = 1500, k = 3) and each flexmix variant of
# flexmix_reference.R (stock: the issue's call; exact: ML variance and nnet run to convergence, the drivers copied
# from that script), flexmix is started from the recorded start posterior (cluster =) and run for exactly
# ITERATIONS EM iterations (tolerance 0 never stops it; checked: fit@iter), REPEATS times after one warm-up run;
# printed: the elapsed and CPU (user + system) seconds per iteration of every repeat, and their median.
# Then the stock fit to flexmix's own default stop (control tolerance 1e-6 on the relative change, iter.max 200):
# iterations and seconds per fit.
suppressPackageStartupMessages({
  library(flexmix)
  library(nnet)
})
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) >= 1) args[1] else "."
iterations <- if (length(args) >= 2) as.integer(args[2]) else 50L
repeats <- if (length(args) >= 3) as.integer(args[3]) else 5L

# ---- flexmix_reference.R's exact drivers (same code) ------------------------------------------------------
mlGaussian <- function() {
  z <- FLXMRglm(family = "gaussian")
  define <- z@defineComponent
  z@fit <- function(x, y, w, component) {
    fit <- lm.wfit(x, y, w = w)
    define(para = list(coef = coef(fit), df = ncol(x) + 1, sigma = sqrt(sum(w * fit$residuals^2) / sum(w))))
  }
  z
}
tightNnet <- list(maxit = 10000, reltol = 1e-15, abstol = -1)
tightMultinom <- function(formula) {
  z <- FLXPmultinom(formula)
  z@fit <- function(x, y, w, ...) {
    r <- ncol(x)
    p <- ncol(y)
    mask <- c(rep(0, r + 1), rep(c(0, rep(1, r)), p - 1))
    do.call(nnet.default, c(list(x, y, if (missing(w)) rep(1, nrow(y)) else w, mask = mask, size = 0,
                                 skip = TRUE, softmax = TRUE, censored = FALSE, rang = 0, trace = FALSE),
                            tightNnet))$fitted.values
  }
  z
}

cpu <- sub(".*: ", "", grep("model name", readLines("/proc/cpuinfo"), value = TRUE)[1])
cat(sprintf("machine %s; R %s.%s, flexmix %s, nnet %s; %d iterations, %d repeats; load %s\n", cpu, R.version$major,
            R.version$minor, packageVersion("flexmix"), packageVersion("nnet"), iterations, repeats,
            paste(scan("/proc/loadavg", what = "", n = 3, quiet = TRUE), collapse = " ")))
for (s in c("a", "b")) {
  df <- read.csv(file.path(dir, paste0("flexmix_", s, ".csv")))
  post <- as.matrix(read.csv(file.path(dir, paste0("flexmix_", s, "_start_posterior.csv"))))
  k <- ncol(post)
  xs <- setdiff(names(df), "y")
  f <- as.formula(paste("y ~", paste(xs, collapse = " + ")))
  g <- as.formula(paste("~", paste(xs, collapse = " + ")))
  for (kind in c("stock", "exact")) {
    fitOnce <- function(control) {
      if (kind == "exact") {
        flexmix(f, data = df, k = k, cluster = post, model = mlGaussian(), concomitant = tightMultinom(g),
                control = control)
      } else {
        flexmix(f, data = df, k = k, cluster = post, concomitant = FLXPmultinom(g), control = control)
      }
    }
    fixed <- list(iter.max = iterations, tolerance = 0, minprior = 0)
    fitOnce(fixed)
    elapsed <- numeric(repeats)
    cpuSeconds <- numeric(repeats)
    for (r in seq_len(repeats)) {
      t <- system.time(fit <- fitOnce(fixed))
      stopifnot(fit@iter == iterations)
      elapsed[r] <- t[["elapsed"]] / iterations
      cpuSeconds[r] <- (t[["user.self"]] + t[["sys.self"]]) / iterations
    }
    cat(sprintf("%s %s n=%d k=%d ms_per_iteration elapsed %s median %.3f; cpu %s median %.3f\n", s, kind, nrow(df), k,
                paste(sprintf("%.3f", 1e3 * elapsed), collapse = " "), 1e3 * median(elapsed),
                paste(sprintf("%.3f", 1e3 * cpuSeconds), collapse = " "), 1e3 * median(cpuSeconds)))
  }
  t <- system.time(fit <- flexmix(f, data = df, k = k, cluster = post, concomitant = FLXPmultinom(g),
                                  control = list(minprior = 0)))
  cat(sprintf("%s stock-default iterations %d converged %s elapsed_s %.3f cpu_s %.3f loglik %.10f\n", s, fit@iter,
              fit@converged, t[["elapsed"]], t[["user.self"]] + t[["sys.self"]], fit@logLik))
}
