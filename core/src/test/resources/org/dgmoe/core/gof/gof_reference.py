# Reference values for core/src/test/java/org/dgmoe/core/gof/{PitTest,LrtTest,PValueTest}.java, computed
# outside dgmoe with scipy. Run: python3 gof_reference.py  (scipy 1.17.1, numpy; printed with repr, which
# round-trips doubles). The tests pin the printed numbers; rerun after changing the inputs below.
import numpy as np
from scipy import stats

# A small data set (d = 1), the same in the Java test.
x = np.array([0.1, 0.35, 0.5, 0.72, 0.9, 0.05, 0.63, 0.27, 0.81, 0.44])
y = np.array([0.9, 1.1, 1.45, 2.3, 1.9, 0.2, 1.7, 1.0, 2.6, 1.3])

# g0 gaussian-linear: N(2x + 0.5, variance 0.25)
m = 2 * x + 0.5
print("gaussian-linear logLik", repr(float(np.sum(stats.norm.logpdf(y, m, np.sqrt(0.25))))))
u_lin = stats.norm.cdf(y, m, np.sqrt(0.25))
print("gaussian-linear cdf", [repr(float(v)) for v in u_lin])
# g0 student-t: location 1.5x + 0.2, scale 0.7, dof 3.5
print("student-t logLik", repr(float(np.sum(stats.t.logpdf(y, 3.5, 1.5 * x + 0.2, 0.7)))))
print("student-t cdf", [repr(float(v)) for v in stats.t.cdf(y, 3.5, 1.5 * x + 0.2, 0.7)])
# g0 gaussian-nonlinear sin: N(1.2 sin(3x), variance 0.5)
print("gaussian-nonlinear logLik", repr(float(np.sum(stats.norm.logpdf(y, 1.2 * np.sin(3 * x), np.sqrt(0.5))))))
print("gaussian-nonlinear cdf", [repr(float(v)) for v in stats.norm.cdf(y, 1.2 * np.sin(3 * x), np.sqrt(0.5))])

# KS (exact two-sided), CvM against U(0, 1) of the gaussian-linear PIT
ks = stats.kstest(u_lin, 'uniform', method='exact')
print("ks small", repr(float(ks.statistic)), repr(float(ks.pvalue)))
print("cvm small", repr(float(stats.cramervonmises(u_lin, 'uniform').statistic)))
# A large, strongly non-uniform sample: u_i = ((i + 0.5)/n)^1.8, n = 400 (a tiny p-value)
n = 400
u = ((np.arange(n) + 0.5) / n) ** 1.8
ks = stats.kstest(u, 'uniform', method='exact')
print("ks skewed", repr(float(ks.statistic)), repr(float(ks.pvalue)))
print("cvm skewed", repr(float(stats.cramervonmises(u, 'uniform').statistic)))
# A near-uniform sample: u_i = frac(0.5 + i * golden), n = 57
g = (np.sqrt(5) - 1) / 2
u = np.mod(0.5 + np.arange(57) * g, 1.0)
ks = stats.kstest(u, 'uniform', method='exact')
print("ks golden", repr(float(ks.statistic)), repr(float(ks.pvalue)))
print("cvm golden", repr(float(stats.cramervonmises(u, 'uniform').statistic)))

# Clopper-Pearson 95% of X out of B
for X, B in [(0, 19), (3, 99), (50, 199), (999, 999)]:
    lo = 0.0 if X == 0 else stats.beta.ppf(0.025, X, B - X + 1)
    hi = 1.0 if X == B else stats.beta.ppf(0.975, X + 1, B - X)
    print("cp", X, B, repr(float(lo)), repr(float(hi)))
