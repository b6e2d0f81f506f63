# Second reference for core/src/test/java/org/dgmoe/core/em/gated/FlexmixAgreementTest.java (issue 21):
# mixtools::hmeEM, a two-expert mixture of linear regressions with a logistic gate, on flexmix_a.csv (written
# by flexmix_reference.R: d = 1, n = 1000), from the same start as flexmix_reference.R's set a.
# Run from this directory, after flexmix_reference.R:  Rscript hmeEM_reference.R  (R 4.2.2, mixtools 2.0.0)
#
# What hmeEM fits (read from mixtools 2.0.0's source of hmeEM):
#  - gate: lambda(x) = inv.logit(w0 + w1 x) is the weight of expert 1 (beta[, 1], sigma[1], posterior[, 1]);
#    expert 2 has 1 - lambda(x). As a softmax gate with expert 1's gate at zero (flexmix's and
#    SoftmaxGating.normalised()'s convention), expert 2's gate is (intercept, slope) = (-w0, -w1).
#  - sigma is a standard deviation (the density uses sigma^2); dgmoe's variance is sigma^2.
#  - M-step: experts by weighted lm (exact), sigma by the ML formula sqrt(sum(z r^2) / sum(z)) (exact), the
#    gate by repeated steps w += (sum x x' / (p (1 - p)))^-1 sum (z1 - p) x until sum |step| <= 0.002 — an
#    ascent step, but not Newton's (the Hessian has p (1 - p), not its inverse), so the gate converges slowly
#    across EM iterations. A fixed point still has a zero gate score, so the limit is the maximum.
#  - stop: when the log-likelihood increase is <= epsilon (absolute). With the slow gate, the increases drop
#    below the log-likelihood's double resolution (diff == 0) while the gate is still ~1e-5 from the
#    maximum: every epsilon <= 1e-12 stops at the same iteration. So hmeEM matches the maximum's
#    log-likelihood to ~1e-12 relative but its gate only to ~1e-5 (hmeEM.maxAbsScore records how far).
#  - a log-likelihood decrease makes hmeEM restart from random values (regmix.init); set.seed makes that
#    deterministic and hmeEM.restarts records that it did not happen.
#
# Output hmeEM_reference.out, same format as flexmix_reference.out ("key value ...", %.17g, '#' comments):
#   hmeEM.start.expert.<i>  intercept slope variance;  hmeEM.start.w  w0 w1
#   hmeEM.loglik, .iterations, .restarts, .epsilon, .lastIncrease, .secondsPerIteration, .maxAbsScore
#   hmeEM.expert.<i>  intercept slope;  hmeEM.sd.<i>;  hmeEM.variance.<i> (= sd^2)
#   hmeEM.w  w0 w1 (as hmeEM gives it);  hmeEM.gate.<i>  intercept slope (softmax, expert 1's at zero)

suppressPackageStartupMessages(library(mixtools))

out <- file("hmeEM_reference.out", "w")
fmt <- function(v) paste(sprintf("%.17g", v), collapse = " ")
emit <- function(key, v) writeLines(paste(key, fmt(v)), out)
writeLines("# written by hmeEM_reference.R; format in its header", out)
writeLines(paste("mixtools.version", as.character(packageVersion("mixtools"))), out)
writeLines("hmeEM.data flexmix_a.csv", out)

df <- read.csv("flexmix_a.csv")
beta0 <- cbind(c(-0.5, 1), c(3.5, -1))  # columns = experts, rows = (intercept, slope): flexmix's set a start
sd0 <- c(1, 1)
w0 <- c(0, 0)
epsilon <- 1e-12
for (i in 1:2) emit(paste0("hmeEM.start.expert.", i), c(beta0[, i], sd0[i]^2))
emit("hmeEM.start.w", w0)

set.seed(21)
secs <- system.time(capture.output(
  fit <- hmeEM(df$y, df$x, beta = beta0, sigma = sd0, w = w0, k = 2, epsilon = epsilon, maxit = 100000)
))[["elapsed"]]
iterations <- length(fit$all.loglik) - 1
emit("hmeEM.loglik", fit$loglik)
emit("hmeEM.iterations", iterations)
emit("hmeEM.restarts", fit$restarts)
emit("hmeEM.epsilon", epsilon)
emit("hmeEM.lastIncrease", diff(tail(fit$all.loglik, 2)))
emit("hmeEM.secondsPerIteration", secs / iterations)
for (i in 1:2) emit(paste0("hmeEM.expert.", i), fit$beta[, i])
for (i in 1:2) emit(paste0("hmeEM.sd.", i), fit$sigma[i])
for (i in 1:2) emit(paste0("hmeEM.variance.", i), fit$sigma[i]^2)
emit("hmeEM.w", fit$w)
emit("hmeEM.gate.1", c(0, 0))
emit("hmeEM.gate.2", -fit$w)

# The score at hmeEM's answer (Fisher identity), to show how far from the maximum it stopped.
X1 <- cbind(1, df$x)
p1 <- 1 / (1 + exp(-(X1 %*% fit$w)))
pi <- cbind(p1, 1 - p1)
v <- fit$sigma^2
r <- df$y - X1 %*% fit$beta
L <- log(pi) + sapply(1:2, function(i) dnorm(df$y, X1 %*% fit$beta[, i], fit$sigma[i], log = TRUE))
m <- apply(L, 1, max)
tau <- exp(L - m) / rowSums(exp(L - m))
emit("hmeEM.loglikRecomputed", sum(m + log(rowSums(exp(L - m)))))
sc <- c(sapply(1:2, function(i) colSums(tau[, i] * r[, i] * X1) / v[i]),
        sapply(1:2, function(i) sum(tau[, i] * (r[, i]^2 / v[i] - 1)) / (2 * v[i])),
        colSums((tau[, 2] - pi[, 2]) * X1))
emit("hmeEM.maxAbsScore", max(abs(sc)))
close(out)
