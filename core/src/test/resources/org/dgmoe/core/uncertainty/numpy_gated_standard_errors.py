#!/usr/bin/env python3
"""Standard errors of two gated fits from a Hessian computed outside dgmoe (GatedStandardErrorsNumpyTest).

For each case (softmax, gaussian) it reads the data gated-CASE-n600.csv (written once by dgmoe's Simulator) and
dgmoe's estimate gated-CASE-fit.csv (reported parameters, the layout of em.gated.GatedParameters), writes the
objective the gated EM maximises from scratch in numpy, takes its Hessian in the free reported parameters by
second central differences of the objective alone (step h = 1e-3 * |theta|, relative to each parameter: a
variance of 0.1 needs a step far below 1e-3), inverts minus it and writes
the standard errors to numpy-gated-standard-errors-CASE.csv. The differences are repeated at 2h and the largest
relative change of a standard error between h and 2h is printed: the finite differences' own error.

  softmax:  p(y|x) = (1 - lam(x)) g0(y|x) + lam(x) sum_i pi_i(x) N(y; a_i x + b_i, s_i),
            lam(x) = 1/(1 + exp(-(g1 x + g0))), pi_i(x) = softmax_i(beta_i x + beta_i0) with expert 1's gate 0;
            objective = sum_n log p(y_n|x_n).
            Free: lambda.slope, lambda.intercept, expert 2's gate contrast (slope, intercept), a_i, b_i, s_i.
  gaussian: pi_i(x) = w_i N(x; c_i, G_i) / h(x), h(x) = sum_i w_i N(x; c_i, G_i), constant lam;
            objective = sum_n [log h(x_n) + log p(y_n|x_n)] (the joint likelihood the fitter maximises).
            Free: lam, w_1 (w_2 = 1 - w_1, se(w_2) = se(w_1)), c_i, G_i, a_i, b_i, s_i.
g0 = N(y; 0.5 x - 2.5, 0.2) in both (variances, not standard deviations, everywhere).

Run: python3 numpy_gated_standard_errors.py  (from any directory; numpy only)
"""
import csv
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def log_normal(y, mean, var):
    return -0.5 * (math.log(2 * math.pi) + np.log(var) + (y - mean) ** 2 / var)


def logsumexp(a, axis):
    m = np.max(a, axis=axis, keepdims=True)
    return (m + np.log(np.sum(np.exp(a - m), axis=axis, keepdims=True))).squeeze(axis)


def read(case):
    with open(os.path.join(HERE, "gated-%s-n600.csv" % case)) as f:
        rows = list(csv.reader(f))[1:]
    x = np.array([float(r[0]) for r in rows])
    y = np.array([float(r[1]) for r in rows])
    with open(os.path.join(HERE, "gated-%s-fit.csv" % case)) as f:
        fit = [(r[0], float(r[1])) for r in list(csv.reader(f))[1:]]
    return x, y, fit


def experts(t, y, x):
    """log N(y; a_i x + b_i, s_i) for the two experts, from t = (a1, b1, s1, a2, b2, s2)."""
    return np.stack([log_normal(y, t[0] * x + t[1], t[2]), log_normal(y, t[3] * x + t[4], t[5])])


def softmax_objective(t, x, y):
    g1, g0, b1, b0 = t[0], t[1], t[2], t[3]
    e = experts(t[4:10], y, x)
    eta = g1 * x + g0
    log_lam = -np.logaddexp(0, -eta)
    log_1m = -np.logaddexp(0, eta)
    gates = np.stack([np.zeros_like(x), b1 * x + b0])
    log_pi = gates - logsumexp(gates, 0)
    mix = logsumexp(log_pi + e, 0)
    return np.sum(np.logaddexp(log_1m + log_normal(y, 0.5 * x - 2.5, 0.2), log_lam + mix))


def gaussian_objective(t, x, y):
    lam, w1, c1, c2, v1, v2 = t[:6]
    e = experts(t[6:12], y, x)
    joint = np.stack([math.log(w1) + log_normal(x, c1, v1), math.log(1 - w1) + log_normal(x, c2, v2)])
    log_h = logsumexp(joint, 0)
    log_pi = joint - log_h
    mix = logsumexp(log_pi + e, 0)
    ll = np.logaddexp(math.log(1 - lam) + log_normal(y, 0.5 * x - 2.5, 0.2), math.log(lam) + mix)
    return np.sum(log_h + ll)


# (free parameter names in the objective's order, objective)
CASES = {
    "softmax": (["lambda.slope[0]", "lambda.intercept", "experts[1].gate.slope[0]", "experts[1].gate.intercept",
                 "experts[0].slope[0]", "experts[0].intercept", "experts[0].variance",
                 "experts[1].slope[0]", "experts[1].intercept", "experts[1].variance"], softmax_objective),
    "gaussian": (["lambda", "experts[0].gate.weight", "experts[0].gate.mean[0]", "experts[1].gate.mean[0]",
                  "experts[0].gate.covariance[0][0]", "experts[1].gate.covariance[0][0]",
                  "experts[0].slope[0]", "experts[0].intercept", "experts[0].variance",
                  "experts[1].slope[0]", "experts[1].intercept", "experts[1].variance"], gaussian_objective),
}


def hessian(f, t, rel):
    """Second central differences of f at t, step rel * |t_m| per coordinate (every free t_m is nonzero)."""
    r = len(t)
    h = rel * np.abs(t)
    out = np.zeros((r, r))
    f0 = f(t)
    for a in range(r):
        for b in range(a, r):
            if a == b:
                tp = t.copy(); tp[a] += h[a]
                tm = t.copy(); tm[a] -= h[a]
                out[a, a] = (f(tp) - 2 * f0 + f(tm)) / h[a] ** 2
            else:
                v = 0.0
                for sa, sb, sign in ((1, 1, 1), (1, -1, -1), (-1, 1, -1), (-1, -1, 1)):
                    tt = t.copy(); tt[a] += sa * h[a]; tt[b] += sb * h[b]
                    v += sign * f(tt)
                out[a, b] = out[b, a] = v / (4 * h[a] * h[b])
    return out


def standard_errors(f, t, rel):
    return np.sqrt(np.diag(np.linalg.inv(-hessian(f, t, rel))))


def main():
    for case, (names, objective) in CASES.items():
        x, y, fit = read(case)
        estimate = dict(fit)
        t = np.array([estimate[n] for n in names])
        f = lambda u: objective(u, x, y)
        se = standard_errors(f, t, 1e-3)
        se2 = standard_errors(f, t, 2e-3)
        print("%s: objective %.10f, largest relative change of a standard error between h and 2h: %.2e"
              % (case, f(t), np.max(np.abs(se2 / se - 1))))
        by_name = dict(zip(names, se))
        if case == "gaussian":
            by_name["experts[1].gate.weight"] = by_name["experts[0].gate.weight"]
        with open(os.path.join(HERE, "numpy-gated-standard-errors-%s.csv" % case), "w") as out:
            out.write("parameter,estimate,standardError\n")
            for name, value in fit:
                s = by_name.get(name, float("nan"))
                out.write("%s,%.17g,%s\n" % (name, value, "NaN" if math.isnan(s) else "%.17g" % s))


if __name__ == "__main__":
    main()
