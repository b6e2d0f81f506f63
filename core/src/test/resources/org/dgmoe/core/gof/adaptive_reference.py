# Reference values for core/src/test/java/org/dgmoe/core/gof/AdaptiveStatisticsTest.java, computed outside
# dgmoe from the definitions in docs/gof.md ("Adaptive statistics", "The sup-score statistic"), written
# independently of the Java code:
#   HC      Donoho & Jin (2004) HC+ with alpha0 = 1/2, both ends, u floored at 1/n: a vectorised numpy max.
#   BJ      Berk & Jones (1979): n K(F_n, t) as the difference of scipy's binomial log-pmfs
#           log Bin(k; n, k/n) - log Bin(k; n, t) at both ends of every step of F_n.
#   smooth  Ledwina (1994): scipy.special.eval_legendre, Schwarz rule over k = 1..10 (np.argmax: the first).
#   score   Z = sqrt(n) mean(r) / std(r), r = phi/g0 - 1, computed directly in numpy's long double (80-bit
#           on x86: exp up to about 1e4932, so no log-space shift is needed), phi and g0 from scipy.stats;
#           the intercepts by np.quantile(method='inverted_cdf') (the smallest e with F_n(e) >= q).
#   gridlr  max over the same grid (variances v, v/4, v/16 only) of max over lambda in [0, 1] of
#           f = sum log1p(lambda r) in long double: f(0), f(1) and, when f'(0) > 0 > f'(1), f at the root of f'
#           found by scipy.optimize.brentq (xtol = rtol = 1e-15) -- no Newton step, no bound, unlike the Java code.
# Run: python3 adaptive_reference.py  (scipy 1.17.1, numpy 2.4.6). It writes adaptive_pit.csv and
# adaptive_score.csv (the data sets, which the Java test reads) and prints adaptive_reference.out
# (repr round-trips doubles).
import csv
import math

import numpy as np
from scipy import optimize, special, stats

CLAMP = 1e-300
TOP = np.nextafter(1.0, 0.0)


def clamp(u):
    return np.minimum(TOP, np.maximum(CLAMP, u))


def hc(u):
    n = len(u)
    half = max(1, n // 2)
    i = np.arange(1, half + 1)
    out = -np.inf
    for v in (np.sort(u), np.sort(1.0 - u)):
        w = np.maximum(clamp(v[:half]), 1.0 / n)
        out = max(out, np.max(np.sqrt(n) * (i / n - w) / np.sqrt(w * (1 - w))))
    return out


def bj(u):
    n = len(u)
    s = clamp(np.sort(u))
    best = 0.0
    for k_shift in (0, 1):
        k = np.arange(1, n + 1) - k_shift
        llr = stats.binom.logpmf(k, n, k / n) - stats.binom.logpmf(k, n, s)
        best = max(best, np.max(llr))
    return best


def smooth(u):
    n = len(u)
    v = np.array([np.sqrt(2 * j + 1) * np.sum(special.eval_legendre(j, 2 * u - 1)) / np.sqrt(n)
                  for j in range(1, 11)])
    nk = np.cumsum(v ** 2)
    s = int(np.argmax(nk - np.arange(1, 11) * np.log(n)))
    return nk[s], s + 1


def log_g0(g0, x, y):
    kind = g0[0]
    if kind == "linear":
        _, slope, intercept, variance = g0
        return stats.norm.logpdf(y, x @ np.array(slope) + intercept, math.sqrt(variance))
    _, slope, intercept, scale, dof = g0
    return stats.t.logpdf(y, dof, x @ np.array(slope) + intercept, scale)


def grid(x, y, variance_steps):
    """The deviations of docs/gof.md's grid: (e, b, sigma) per slope, intercept and variance, e the residuals."""
    n, d = x.shape
    slopes = [np.zeros(d)]
    for j in range(d):
        for sign in (-1, 1):
            a = np.zeros(d)
            a[j] = sign * np.std(y) / np.std(x[:, j])
            slopes.append(a)
    for a in slopes:
        e = y - x @ a
        v = np.var(e)
        for q in range(1, 11):
            b = np.quantile(e, (q - 0.5) / 10, method="inverted_cdf")
            for k in range(variance_steps):
                yield e, b, v / 4 ** k


def sup_score(x, y, g0):
    n = len(y)
    lg = log_g0(g0, x, y)
    best = -np.inf
    for e, b, sigma in grid(x, y, 4):
        l = stats.norm.logpdf(e, b, math.sqrt(sigma)) - lg
        r = np.exp(l.astype(np.longdouble)) - 1
        z = np.sqrt(np.longdouble(n)) * np.mean(r) / np.std(r)
        best = max(best, float(z))
    return best


def grid_lr(x, y, g0):
    lg = log_g0(g0, x, y)
    best = 0.0
    for e, b, sigma in grid(x, y, 3):
        l = (stats.norm.logpdf(e, b, math.sqrt(sigma)) - lg).astype(np.longdouble)
        r = np.exp(l) - 1
        f = lambda lam: np.sum(np.log1p(lam * r))
        # r = -1 (phi/g0 below long double resolution) makes f'(1) = -inf: a warning, and the right sign
        slope = lambda lam: float(np.sum(r / (1 + lam * r)))
        values = [0.0, float(np.sum(l))]
        if slope(0.0) > 0 > slope(1.0):
            values.append(float(f(optimize.brentq(slope, 0.0, 1.0, xtol=1e-15, rtol=1e-15))))
        best = max(best, max(values))
    return best


def main():
    rng = np.random.default_rng(20261207)
    pit = {
        "h0": rng.uniform(size=200),
        "sparse": np.concatenate([rng.uniform(size=490), rng.beta(0.1, 1.0, size=10)]),
        "bump": np.concatenate([rng.uniform(size=270), np.clip(rng.normal(0.5, 0.02, size=30), 0, 1)]),
        "edges": np.array([0.0, 1.0, 0.5, 0.25, 0.999, 1e-12, 0.75]),
        "two": np.array([0.3, 0.9]),
    }
    with open("adaptive_pit.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["set", "u"])
        for name, u in pit.items():
            for v in u:
                w.writerow([name, repr(float(v))])
    scores = {}
    x = rng.uniform(-1, 1, size=(300, 1))
    dev = rng.uniform(size=300) < 0.1
    y = np.where(dev, 2 * x[:, 0] + 1 + 0.5 * rng.normal(size=300), x[:, 0] + rng.normal(size=300))
    scores["deviated"] = (x, y, ("linear", [1.0], 0.0, 1.0))
    x = rng.normal(size=(150, 2))
    y = 0.5 * x[:, 0] - x[:, 1] + 0.3 + math.sqrt(2.0) * rng.normal(size=150)
    scores["two-covariates"] = (x, y, ("linear", [0.5, -1.0], 0.3, 2.0))
    x = rng.uniform(-1, 1, size=(100, 1))
    y = x[:, 0] + stats.t.rvs(3, size=100, random_state=rng)
    y[:3] = [25.0, -30.0, 40.0]
    scores["student"] = (x, y, ("student", [1.0], 0.0, 1.0, 3.0))
    # one point 40 sd out under g0 = N(0, 1): log(phi/g0) reaches about 790 there, exp overflows a double
    x = rng.uniform(-1, 1, size=(60, 1))
    y = rng.normal(size=60)
    y[0] = 40.0
    scores["overflow"] = (x, y, ("linear", [0.0], 0.0, 1.0))
    with open("adaptive_score.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["set", "x1", "x2", "y"])
        for name, (x, y, _) in scores.items():
            for i in range(len(y)):
                w.writerow([name, repr(float(x[i, 0])), repr(float(x[i, 1])) if x.shape[1] > 1 else "",
                            repr(float(y[i]))])
    for name, u in pit.items():
        s, dim = smooth(u)
        print(f"pit {name} hc {float(hc(u))!r} bj {float(bj(u))!r} smooth {float(s)!r} dimension {dim}")
    for name, (x, y, g0) in scores.items():
        print(f"score {name} {sup_score(x, y, g0)!r}")
    for name, (x, y, g0) in scores.items():
        print(f"gridlr {name} {grid_lr(x, y, g0)!r}")


if __name__ == "__main__":
    main()
