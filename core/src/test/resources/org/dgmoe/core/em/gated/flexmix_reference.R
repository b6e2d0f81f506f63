# Reference fits for core/src/test/java/org/dgmoe/core/em/gated/FlexmixAgreementTest.java (issue 21), computed
# outside dgmoe with R's flexmix: a softmax-gated mixture of linear regressions is exactly
#   flexmix(y ~ x, k = k, concomitant = FLXPmultinom(~ x)).
# Run from this directory:  Rscript flexmix_reference.R   (R 4.2.2, flexmix 2.3.18, nnet 7.3-18)
# It writes flexmix_a.csv, flexmix_b.csv (the data), flexmix_{a,b}_start_posterior.csv (the posterior
# matrix passed as cluster =) and flexmix_reference.out. Everything is deterministic (set.seed) except the
# timings.
#
# Two data sets, simulated with R's own RNG from the gated model (true values below):
#   a: d = 1, n = 1000, x ~ U(0, 1), k = 2;  b: d = 2, n = 1500, x ~ U(0, 1)^2, k = 3.
# The start is a model theta0 (recorded as start.*); flexmix is given cluster = posterior(theta0), so its
# first M-step is the M-step of an EM started at theta0 — dgmoe starts at theta0 itself.
#
# Why two flexmix fits per data set (checked by reading flexmix 2.3.18's source):
#  - stock: the issue's call. Its Gaussian M-step (FLXMRglm gaussian) sets
#      sigma = sqrt(sum(w r^2) / mean(w) / (n - p)),
#    i.e. the ML variance times n / (n - p) (n = all points, not the component's weight), and its gate
#    M-step (FLXPmultinom) is nnet's BFGS restarted from zero at every iteration, stopped at reltol 1e-8,
#    maxit 100; the reported gate (parameters(, which = "concomitant")) is a separate multinom() refit on
#    the final posteriors with the same loose defaults. So the stock fixed point is NOT the likelihood
#    maximum (its score is far from zero; see stock.maxAbsScore) and cannot be compared to 1e-5.
#  - exact: the same flexmix EM (FLXfit, same start, same control) with the two M-steps made exact:
#    the Gaussian driver uses the ML variance sum(w r^2) / sum(w), and the multinomial concomitant
#    uses nnet with maxit 10000, reltol 1e-15, abstol -1 (never reached: for the EM fit and for the final refit).
#    This is the reference the Java test compares to. Checked here: the analytic score (Fisher identity,
#    below) at the solution is ~0 (exact.maxAbsScore), one Newton step on the full log-likelihood moves no
#    parameter by more than exact.newtonStep, and refitting from its own posterior does not move it
#    (exact.refit*).
#
# Output format of flexmix_reference.out: one record per line, "key value value ...", separated by single
# spaces; numbers are printed with sprintf("%.17g") (round-trips doubles); lines starting with '#' are
# comments. Keys are "<set>.<what>", set in {a, b}, plus global keys (machine, versions). Per set:
#   <s>.n, <s>.d, <s>.k, <s>.data (file name), <s>.startPosterior (file name)
#   <s>.true.expert.<i>   intercept slope_1 .. slope_d variance     (the simulating model)
#   <s>.true.gate.<i>     intercept slope_1 .. slope_d              (softmax gate, expert 1's at zero)
#   <s>.start.expert.<i>, <s>.start.gate.<i>                        (theta0, same layout)
#   <s>.<fit>.loglik, .iterations, .converged (1/0), .secondsPerIteration, .tolerance
#   <s>.<fit>.expert.<i>  intercept slope_1 .. slope_d              (flexmix coef, component order kept)
#   <s>.<fit>.sd.<i>      flexmix's sigma (a standard deviation)
#   <s>.<fit>.variance.<i> sd^2 (dgmoe's sigma is this variance)
#   <s>.<fit>.gate.<i>    intercept slope_1 .. slope_d  as flexmix gives it (parameters(which =
#                         "concomitant"), column i; expert 1's gate is 0 by flexmix's normalisation)
#   <s>.<fit>.maxAbsScore max |d loglik / d theta| at the reported parameters (theta = expert coefficients,
#                         variances, gates 2..k)
#   <s>.exact.newtonStep  max |H^-1 score| (a bound on how far the reported parameters are from the maximum)
#   <s>.exact.refitMaxChange, <s>.exact.refitLoglikChange  (refit from its own posterior)
# with <fit> in {stock, exact}. Component i is the i-th column of the start posterior (flexmix does not
# relabel), i.e. start expert i.

suppressPackageStartupMessages({
  library(flexmix)
  library(nnet)
})

out <- file("flexmix_reference.out", "w")
fmt <- function(v) paste(sprintf("%.17g", v), collapse = " ")
emit <- function(key, v) writeLines(paste(key, fmt(v)), out)
emitText <- function(key, s) writeLines(paste(key, s), out)

cpu <- sub(".*: ", "", grep("model name", readLines("/proc/cpuinfo"), value = TRUE)[1])
writeLines("# written by flexmix_reference.R; format in its header", out)
emitText("machine", gsub(" ", "_", cpu))
emitText("R.version", paste(R.version$major, R.version$minor, sep = "."))
emitText("flexmix.version", as.character(packageVersion("flexmix")))
emitText("nnet.version", as.character(packageVersion("nnet")))

# ---- the gated model, written out here so the check does not depend on flexmix --------------------
# B: k x (1 + d) expert rows (intercept, slopes); v: k variances; G: k x (1 + d) gate rows.
logJoint <- function(X1, y, B, v, G) {
  eta <- X1 %*% t(G)
  logPi <- eta - apply(eta, 1, function(e) max(e) + log(sum(exp(e - max(e)))))
  mu <- X1 %*% t(B)
  logPhi <- sapply(seq_along(v), function(i) dnorm(y, mu[, i], sqrt(v[i]), log = TRUE))
  logPi + logPhi
}
rowLse <- function(L) apply(L, 1, function(e) max(e) + log(sum(exp(e - max(e)))))
logLik <- function(X1, y, B, v, G) sum(rowLse(logJoint(X1, y, B, v, G)))
posterior <- function(X1, y, B, v, G) {
  L <- logJoint(X1, y, B, v, G)
  exp(L - rowLse(L))
}
# theta = (B rows, v, G rows 2..k); the score by the Fisher identity: d loglik = sum_n sum_i tau_ni d log(pi_i phi_i).
pack <- function(B, v, G) c(t(B), v, t(G[-1, , drop = FALSE]))
unpack <- function(theta, k, p) {
  B <- matrix(theta[1:(k * p)], k, p, byrow = TRUE)
  v <- theta[k * p + 1:k]
  G <- rbind(0, matrix(theta[k * p + k + 1:((k - 1) * p)], k - 1, p, byrow = TRUE))
  list(B = B, v = v, G = G)
}
score <- function(X1, y, B, v, G) {
  tau <- posterior(X1, y, B, v, G)
  eta <- X1 %*% t(G)
  pi <- exp(eta - rowLse(eta))
  r <- y - X1 %*% t(B)
  gB <- t(sapply(seq_along(v), function(i) colSums(tau[, i] * r[, i] * X1) / v[i]))
  gv <- sapply(seq_along(v), function(i) sum(tau[, i] * (r[, i]^2 / v[i] - 1)) / (2 * v[i]))
  gG <- t(sapply(seq_along(v), function(i) colSums((tau[, i] - pi[, i]) * X1)))
  c(t(gB), gv, t(gG[-1, , drop = FALSE]))
}
simulate <- function(X, B, v, G) {
  X1 <- cbind(1, X)
  eta <- X1 %*% t(G)
  pi <- exp(eta - rowLse(eta))
  u <- runif(nrow(X))
  z <- 1 + rowSums(u > t(apply(pi, 1, cumsum)))
  mu <- rowSums(X1 * B[z, , drop = FALSE])
  mu + sqrt(v[z]) * rnorm(nrow(X))
}

# ---- flexmix drivers ------------------------------------------------------------------------------
# The exact Gaussian M-step: flexmix's FLXMRglm gaussian with the ML variance sum(w r^2) / sum(w).
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
# The exact gate M-step: FLXPmultinom with nnet run to convergence (same mask, same zero start).
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
  z@refit <- function(x, y, w, ...) {
    if (missing(w) || is.null(w)) w <- rep(1, nrow(y))
    rownames(y) <- rownames(x) <- NULL
    fit <- do.call(multinom, c(list(y ~ 0 + x, weights = w, data = list(y = y, x = x), trace = FALSE),
                               tightNnet))
    fit$coefnames <- colnames(x)
    fit
  }
  z
}

tolerance <- 1e-16
control <- list(iter.max = 10000, tolerance = tolerance, minprior = 0)

fitOnce <- function(df, post, k, exact) {
  xs <- setdiff(names(df), "y")
  f <- as.formula(paste("y ~", paste(xs, collapse = " + ")))
  g <- as.formula(paste("~", paste(xs, collapse = " + ")))
  if (exact) {
    flexmix(f, data = df, k = k, cluster = post, model = mlGaussian(), concomitant = tightMultinom(g),
            control = control)
  } else {
    flexmix(f, data = df, k = k, cluster = post, concomitant = FLXPmultinom(g), control = control)
  }
}
extract <- function(fit, k, p) {
  par <- parameters(fit)
  B <- t(par[seq_len(p), , drop = FALSE])
  sd <- par[p + 1, ]
  G <- t(parameters(fit, which = "concomitant"))
  list(B = unname(B), sd = unname(sd), v = unname(sd^2), G = unname(G))
}

runSet <- function(s, X, B, v, G, B0, v0, G0) {
  n <- nrow(X); d <- ncol(X); k <- nrow(B); p <- d + 1
  y <- simulate(X, B, v, G)
  df <- data.frame(X, y = y)
  names(df) <- c(if (d == 1) "x" else paste0("x", seq_len(d)), "y")
  dataFile <- paste0("flexmix_", s, ".csv")
  writeLines(c(paste(names(df), collapse = ","), apply(as.matrix(df), 1, function(r) paste(sprintf("%.17g", r),
                                                                                            collapse = ","))), dataFile)
  X1 <- cbind(1, X)
  post0 <- posterior(X1, y, B0, v0, G0)
  postFile <- paste0("flexmix_", s, "_start_posterior.csv")
  writeLines(c(paste(paste0("tau", seq_len(k)), collapse = ","),
               apply(post0, 1, function(r) paste(sprintf("%.17g", r), collapse = ","))), postFile)
  emit(paste0(s, ".n"), n); emit(paste0(s, ".d"), d); emit(paste0(s, ".k"), k)
  emitText(paste0(s, ".data"), dataFile)
  emitText(paste0(s, ".startPosterior"), postFile)
  for (i in seq_len(k)) emit(paste0(s, ".true.expert.", i), c(B[i, ], v[i]))
  for (i in seq_len(k)) emit(paste0(s, ".true.gate.", i), G[i, ] - G[1, ])
  for (i in seq_len(k)) emit(paste0(s, ".start.expert.", i), c(B0[i, ], v0[i]))
  for (i in seq_len(k)) emit(paste0(s, ".start.gate.", i), G0[i, ])
  emit(paste0(s, ".start.loglik"), logLik(X1, y, B0, v0, G0))

  for (kind in c("stock", "exact")) {
    exact <- kind == "exact"
    fit <- fitOnce(df, post0, k, exact)
    stopifnot(fit@k == k)
    repeats <- 3
    secs <- system.time(for (r in seq_len(repeats)) fitOnce(df, post0, k, exact))[["elapsed"]]
    e <- extract(fit, k, p)
    key <- function(w) paste0(s, ".", kind, ".", w)
    emit(key("loglik"), fit@logLik)
    emit(key("loglikRecomputed"), logLik(X1, y, e$B, e$v, e$G))
    emit(key("iterations"), fit@iter)
    emit(key("converged"), as.integer(fit@converged))
    emit(key("tolerance"), tolerance)
    emit(key("secondsPerIteration"), secs / (repeats * fit@iter))
    for (i in seq_len(k)) emit(key(paste0("expert.", i)), e$B[i, ])
    for (i in seq_len(k)) emit(key(paste0("sd.", i)), e$sd[i])
    for (i in seq_len(k)) emit(key(paste0("variance.", i)), e$v[i])
    for (i in seq_len(k)) emit(key(paste0("gate.", i)), e$G[i, ])
    sc <- score(X1, y, e$B, e$v, e$G)
    emit(key("maxAbsScore"), max(abs(sc)))
    if (exact) {
      theta <- pack(e$B, e$v, e$G)
      # Hessian by central differences of the analytic score; one Newton step bounds the distance to the max.
      h <- 1e-6
      H <- sapply(seq_along(theta), function(j) {
        tp <- theta; tm <- theta; tp[j] <- tp[j] + h; tm[j] <- tm[j] - h
        up <- unpack(tp, k, p); um <- unpack(tm, k, p)
        (score(X1, y, up$B, up$v, up$G) - score(X1, y, um$B, um$v, um$G)) / (2 * h)
      })
      H <- (H + t(H)) / 2
      step <- solve(H, sc)
      emit(key("newtonStep"), max(abs(step)))
      emit(key("maxHessianEigen"), max(eigen(H, symmetric = TRUE, only.values = TRUE)$values))
      refit <- fitOnce(df, fit@posterior$scaled, k, TRUE)
      r <- extract(refit, k, p)
      emit(key("refitMaxChange"), max(abs(c(r$B - e$B, r$v - e$v, r$G - e$G))))
      emit(key("refitLoglikChange"), refit@logLik - fit@logLik)
      emit(key("refitIterations"), refit@iter)
    }
  }
}

# a: d = 1, n = 1000, k = 2, well-separated lines (-1 + 1.5x vs 4 - 2x), expert 2 gated in for x > 0.5.
set.seed(20261207)
runSet("a", matrix(runif(1000), ncol = 1),
       B = rbind(c(-1, 1.5), c(4, -2)), v = c(0.3, 0.5)^2, G = rbind(c(0, 0), c(-3, 6)),
       B0 = rbind(c(-0.5, 1), c(3.5, -1)), v0 = c(1, 1), G0 = rbind(c(0, 0), c(0, 0)))
# b: d = 2, n = 1500, k = 3.
set.seed(20261208)
runSet("b", matrix(runif(3000), ncol = 2),
       B = rbind(c(0, 1, 2), c(4, -2, 1), c(-3, 2, -1)), v = c(0.3, 0.4, 0.5)^2,
       G = rbind(c(0, 0, 0), c(-1, 3, -1), c(0.5, -2, 2)),
       B0 = rbind(c(0.5, 0.5, 1.5), c(3.5, -1.5, 0.5), c(-2.5, 1.5, -0.5)), v0 = c(1, 1, 1),
       G0 = rbind(c(0, 0, 0), c(0, 0, 0), c(0, 0, 0)))
close(out)
