# Reference values for core/src/test/java/org/dgmoe/core/gof/PatraSenTest.java, computed outside dgmoe
# from the paper: Patra, R. K. & Sen, B. (2016), "Estimation of a two-component mixture model with
# applications to multiple testing", JRSS-B 78(4), 869-893, section 4 (the lower confidence bound).
# Written independently of the Java code: the isotonic step is scipy's isotonic_regression, and every
# grid point is evaluated (no bisection). Run: python3 patra_sen_reference.py  (scipy 1.17.1, numpy
# 2.4.6). It writes patra_sen_data.csv (the data sets, which the Java test reads) and prints
# patra_sen_reference.out (repr round-trips doubles).
#
# Model: F = (1 - a) F_b + a F_s, F_b = U(0, 1) known. For g in (0, 1]:
#   Fhat_g = (F_n - (1 - g) F_b) / g                       the naive estimate of F_s
#   Fchk_g = argmin over CDFs W of int (W - Fhat_g)^2 dF_n  its L2(F_n) projection: the weighted
#            isotonic regression of Fhat_g at the distinct data points (weights dF_n), clipped to [0, 1]
#   D(g)   = g d_n(Fhat_g, Fchk_g),  d_n(f, h) = (int (f - h)^2 dF_n)^(1/2)
#   a_L    = inf{g : sqrt(n) D(g) <= q},  q = 0.6792 = H^{-1}(0.95), H the law of (int_0^1 B(t)^2 dt)^(1/2),
#            B a Brownian bridge (the square root of the Cramer-von Mises limit: 0.46136 = 0.6792^2).
# On the paper's grid g = k/G, k = 1..G (G = 600), a_L = #{k : sqrt(n) D(k/G) > q} / G.
import numpy as np
from scipy.optimize import isotonic_regression

Q = 0.6792
GRID = 600


def distance(u, g):
    """D(g) = g d_n(Fhat_g, Fchk_g) on the distinct values of u (ties carry their multiplicity)."""
    x, counts = np.unique(u, return_counts=True)
    w = counts / len(u)
    fn = np.cumsum(counts) / len(u)
    fhat = (fn - (1 - g) * x) / g
    fchk = np.clip(isotonic_regression(fhat, weights=w, increasing=True).x, 0, 1)
    return g * np.sqrt(np.sum(w * (fhat - fchk) ** 2))


def lower_bound(u):
    t = Q / np.sqrt(len(u))
    return sum(distance(u, k / GRID) > t for k in range(1, GRID + 1)) / GRID


rng = np.random.default_rng(20261207)
n = 1000


def mixture(share):
    deviate = rng.random(n) < share
    return np.where(deviate, rng.beta(1, 8, n), rng.random(n))


sets = {"uniform": mixture(0.0), "beta30": mixture(0.3), "beta80": mixture(0.8)}
sets["beta30ties"] = np.round(sets["beta30"], 2)  # many ties: the weights dF_n of the distinct values

with open("patra_sen_data.csv", "w") as f:
    f.write("set,u\n")
    for name, u in sets.items():
        for v in u:
            f.write(f"{name},{float(v)!r}\n")

probe = [0.0005, 1 / 600, 0.1, 0.25, 0.5, 0.75, 599 / 600]
for name, u in sets.items():
    bound = lower_bound(u)
    print(name, "n", len(u), "bound", repr(float(bound)), "k", int(round(bound * GRID)))
    print(name, "D", " ".join(repr(float(distance(u, g))) for g in probe))
    # the paper's D is non-increasing in g: on the whole grid, up to rounding
    d = np.array([distance(u, k / GRID) for k in range(1, GRID + 1)])
    print(name, "largest rise on the grid", repr(float(np.max(np.diff(d)))))
