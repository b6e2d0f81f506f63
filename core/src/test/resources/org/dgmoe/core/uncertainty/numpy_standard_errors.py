#!/usr/bin/env python3
"""Standard errors of dgmoe's fit from a Hessian computed outside dgmoe (StandardErrorsNumpyTest).

Reads the data (quickstart-n1000.csv: x1,y, written once by dgmoe's Simulator from the quickstart's truth,
n = 1000, task seed 20261207) and dgmoe's estimate (quickstart-n1000-fit.json), writes
numpy-standard-errors.csv (parameter,estimate,standard_error) with the parameter paths of fit.json.

The log-likelihood is dgmoe's (reference §1), written here from scratch:
    l(theta) = sum_n log[ (1 - lam) g0(y_n|x_n) + lam sum_i p_i N(y_n; a_i x_n + b_i, s_i) ],
s_i a variance, g0 a Student-t with location 0.5 x, scale 0.5 and 3 degrees of freedom (the quickstart's).
Its Hessian is taken in the REPORTED parameters by central finite differences of l alone (no analytic
derivative): theta = (lam, p_1..p_{k-1}, a_1, b_1, s_1, ..., a_k, b_k, s_k), the sum constraint handled by
p_k = 1 - sum_{i<k} p_i (so p_k is not a coordinate; its variance is 1' V_p 1 by the delta method). At a
maximum the inverse of -H is invariant under a smooth reparametrisation (the score is 0, so the Hessian
transforms as J' H J), so these standard errors must equal dgmoe's, which come from the Hessian in its
unconstrained coordinates mapped by the delta method.

Finite differences: diagonal (l(t+h) - 2 l(t) + l(t-h)) / h^2, off-diagonal the four-point formula
(l(++) - l(+-) - l(-+) + l(--)) / (4 h_i h_j), with h_j = 1e-3 times the parameter's natural scale
(lam and p: 1e-3 min(t, 1 - t); a, b: 1e-3 sqrt(s); s: 1e-3 s). Truncation error O(h^2) ~ 1e-6 relative,
rounding ~ eps |l| / h^2 ~ 1e-13 * 1e6 / (n / scale^2) ~ 1e-7 relative; the script prints the largest
relative change of a standard error between h and 2h as the measured finite-difference error.

Run:  python3 numpy_standard_errors.py   (numpy; math.lgamma for the Student-t constant)
"""
import csv
import json
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def load():
    with open(os.path.join(HERE, "quickstart-n1000.csv")) as f:
        rows = list(csv.DictReader(f))
    x = np.array([float(r["x1"]) for r in rows])
    y = np.array([float(r["y"]) for r in rows])
    with open(os.path.join(HERE, "quickstart-n1000-fit.json")) as f:
        fit = json.load(f)
    return x, y, fit


def log_g0(x, y, g0):
    nu, s = g0["dof"], g0["scale"]
    t = (y - (g0["slope"][0] * x + g0["intercept"])) / s
    const = math.lgamma((nu + 1) / 2) - math.lgamma(nu / 2) - 0.5 * math.log(nu * math.pi) - math.log(s)
    return const - 0.5 * (nu + 1) * np.log1p(t * t / nu)


def unpack(theta, k):
    lam = theta[0]
    p = list(theta[1:k])
    p.append(1.0 - sum(p))
    experts = [theta[k + 3 * i: k + 3 * i + 3] for i in range(k)]
    return lam, p, experts


def loglik(theta, x, y, lg0, k):
    lam, p, experts = unpack(theta, k)
    terms = [np.log1p(-lam) + lg0]
    for pi, (a, b, s) in zip(p, experts):
        r = y - (a * x + b)
        terms.append(math.log(lam) + math.log(pi) - 0.5 * math.log(2 * math.pi * s) - r * r / (2 * s))
    return float(np.sum(np.logaddexp.reduce(np.vstack(terms), axis=0)))


def hessian(f, theta, h):
    m = len(theta)
    H = np.empty((m, m))
    f0 = f(theta)
    for i in range(m):
        e_i = np.zeros(m)
        e_i[i] = h[i]
        H[i, i] = (f(theta + e_i) - 2 * f0 + f(theta - e_i)) / h[i] ** 2
        for j in range(i):
            e_j = np.zeros(m)
            e_j[j] = h[j]
            v = (f(theta + e_i + e_j) - f(theta + e_i - e_j) - f(theta - e_i + e_j) + f(theta - e_i - e_j)) \
                / (4 * h[i] * h[j])
            H[i, j] = H[j, i] = v
    return H


def standard_errors(f, theta, h, k):
    V = np.linalg.inv(-hessian(f, theta, h))
    lam_se = math.sqrt(V[0, 0])
    weights = list(range(1, k))
    se_p = [math.sqrt(V[i, i]) for i in weights]
    ones = np.ones(len(weights))
    se_p.append(math.sqrt(ones @ V[np.ix_(weights, weights)] @ ones))  # p_k = 1 - sum of the others
    experts = [[math.sqrt(V[k + 3 * i + c, k + 3 * i + c]) for c in range(3)] for i in range(k)]
    return lam_se, se_p, experts


def main():
    x, y, fit = load()
    lg0 = log_g0(x, y, fit["g0"])
    k = len(fit["experts"])
    theta = [fit["lambda"]] + [e["weight"] for e in fit["experts"][:-1]]
    scale = [min(fit["lambda"], 1 - fit["lambda"])] + [min(e["weight"], 1 - e["weight"]) for e in fit["experts"][:-1]]
    for e in fit["experts"]:
        theta += [e["slope"][0], e["intercept"], e["variance"]]
        scale += [math.sqrt(e["variance"]), math.sqrt(e["variance"]), e["variance"]]
    theta = np.array(theta)
    h = 1e-3 * np.array(scale)
    f = lambda t: loglik(t, x, y, lg0, k)
    lam_se, se_p, experts = standard_errors(f, theta, h, k)
    lam_se2, se_p2, experts2 = standard_errors(f, theta, 2 * h, k)
    a = np.array([lam_se] + se_p + [v for e in experts for v in e])
    b = np.array([lam_se2] + se_p2 + [v for e in experts2 for v in e])
    print("largest relative change of a standard error between h and 2h: %.2e" % np.max(np.abs(a / b - 1)))
    rows = [("lambda", fit["lambda"], lam_se)]
    rows += [("experts[%d].weight" % i, e["weight"], se_p[i]) for i, e in enumerate(fit["experts"])]
    for i, e in enumerate(fit["experts"]):
        rows += [("experts[%d].slope[0]" % i, e["slope"][0], experts[i][0]),
                 ("experts[%d].intercept" % i, e["intercept"], experts[i][1]),
                 ("experts[%d].variance" % i, e["variance"], experts[i][2])]
    with open(os.path.join(HERE, "numpy-standard-errors.csv"), "w", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["parameter", "estimate", "standard_error"])
        for name, est, se in rows:
            w.writerow([name, repr(float(est)), repr(float(se))])


if __name__ == "__main__":
    main()
