# Reference fits for SoftmaxGateSolverTest and SigmoidDeviationSolverTest (run: Rscript gate_reference.R > gate_reference.out).
# The data are deterministic formulas (no RNG), recomputed identically by GateReference.java.
# Softmax gate: nnet::multinom maximises sum_n sum_i r_in log pi_i(x_n) with expert 0 (first column) as baseline.
# Rows with rho_n = sum_i r_in < 1 enter as proportions r_in / rho_n with case weight rho_n, which is the same objective.
# Sigmoid lambda(x): glm with family quasibinomial on the soft targets t_n below (same estimating equations, IRLS to 1e-14).
suppressMessages(library(nnet))
n <- 300
m <- 0:(n - 1)
x1 <- 2 * sin(0.7 * m + 0.3)
x2 <- 1.5 * cos(1.3 * m) + 0.5
rho <- 0.3 + 0.7 * (0.5 + 0.5 * sin(2.3 * m + 1))
s0 <- 1.1 * sin(3.1 * m)
s1 <- 0.4 + 1.2 * x1 - 0.5 * x2 + 1.3 * cos(1.9 * m)
s2 <- -0.3 - 0.8 * x1 + 0.9 * x2 + 0.9 * sin(0.37 * m + 2)
e <- exp(cbind(s0, s1, s2))
p <- e / rowSums(e)
r <- rho * p
fit <- multinom(p ~ x1 + x2, weights = rho, trace = FALSE, reltol = 1e-16, abstol = 1e-300, maxit = 10000)
co <- coef(fit)  # rows: experts 1, 2; columns: (Intercept), x1, x2
# The gradient of Q at multinom's solution, to show how close to the maximiser it stopped.
eta <- cbind(0, cbind(1, x1, x2) %*% t(co))
pi <- exp(eta - apply(eta, 1, max)); pi <- pi / rowSums(pi)
g <- t(cbind(1, x1, x2)) %*% (r[, 2:3] - rho * pi[, 2:3])
q <- sum(r * log(pi))
cat(sprintf("softmax.intercept %.17g %.17g\n", co[1, 1], co[2, 1]))
cat(sprintf("softmax.slope1 %.17g %.17g\n", co[1, 2], co[1, 3]))
cat(sprintf("softmax.slope2 %.17g %.17g\n", co[2, 2], co[2, 3]))
cat(sprintf("softmax.objective %.17g\n", q))
cat(sprintf("softmax.maxAbsGradient %.3g\n", max(abs(g))))
t <- plogis(0.5 + 0.8 * x1 - 0.6 * x2 + sin(1.7 * m))
gl <- suppressWarnings(glm(t ~ x1 + x2, family = quasibinomial, control = glm.control(epsilon = 1e-14, maxit = 100)))
cg <- coef(gl)
cat(sprintf("sigmoid.intercept %.17g\n", cg[1]))
cat(sprintf("sigmoid.slope %.17g %.17g\n", cg[2], cg[3]))
cat(sprintf("sigmoid.objective %.17g\n", sum(t * log(fitted(gl)) + (1 - t) * log(1 - fitted(gl)))))
cat(sprintf("sigmoid.iterations %d\n", gl$iter))
cat(sprintf("R %s, nnet %s\n", getRversion(), packageVersion("nnet")))
