"""Reference values of dgmoe's generalized Wasserstein distance between Gaussian-gated mixing measures
(GatedLosses.generalizedWasserstein), recorded in gated_wasserstein_reference.txt.

Run: python3 gated_wasserstein_reference.py > gated_wasserstein_reference.txt   (numpy and scipy)

W~_r(G, G*)^r = min over couplings q of the weights of sum q_ij cost_ij, with
cost_ij = |(c, a, b)_i - (c, a, b)*_j|^r + |(Gamma, sigma)_i - (Gamma, sigma)*_j|^(r/2)   (Euclidean norms; Gamma's
entries as a vector, i.e. Frobenius). Computed here independently of dgmoe's Transport:
  * "assignment": k = k* and equal weights 1/k, where an optimal coupling is a permutation (Birkhoff):
    scipy.optimize.linear_sum_assignment;
  * "lp": any weights: the transport linear program solved by scipy.optimize.linprog (HiGHS dual simplex, a basic
    optimal solution), its cost recomputed from the plan.
Each line: method d k kStar r, then k fitted atoms and kStar true atoms, each w, c (d), Gamma (d*d, row-major),
a (d), b, sigma, then W~_r.
"""
import numpy as np
from scipy.optimize import linear_sum_assignment, linprog

rng = np.random.default_rng(20261207)


def atom(d, w):
    c = rng.normal(0, 1, d)
    L = rng.normal(0, 0.5, (d, d))
    gamma = L @ L.T + 0.2 * np.eye(d)
    a = rng.normal(0, 1, d)
    b = rng.normal(0, 1)
    sigma = rng.uniform(0.2, 1.5)
    return [w, c, gamma, a, b, sigma]


def near(t, w, scale):
    # M Gamma M' and sigma e^z stay positive definite / positive.
    d = len(t[1])
    M = np.eye(d) + rng.normal(0, scale / 2, (d, d))
    return [w, t[1] + rng.normal(0, scale, d), M @ t[2] @ M.T, t[3] + rng.normal(0, scale, d),
            t[4] + rng.normal(0, scale), t[5] * np.exp(rng.normal(0, scale / 2))]


def cost(f, t, r):
    loc = np.concatenate([f[1] - t[1], f[3] - t[3], [f[4] - t[4]]])
    scale = np.concatenate([(f[2] - t[2]).ravel(), [f[5] - t[5]]])
    return np.linalg.norm(loc) ** r + np.linalg.norm(scale) ** (r / 2)


def cost_matrix(fitted, truth, r):
    return np.array([[cost(f, t, r) for t in truth] for f in fitted])


def by_assignment(fitted, truth, r):
    C = cost_matrix(fitted, truth, r)
    rows, cols = linear_sum_assignment(C)
    return (C[rows, cols].sum() / len(fitted)) ** (1 / r)


def by_lp(fitted, truth, r):
    C = cost_matrix(fitted, truth, r)
    k, m = C.shape
    p = np.array([f[0] for f in fitted])
    q = np.array([t[0] for t in truth])
    A = []
    for i in range(k):
        row = np.zeros(k * m)
        row[i * m:(i + 1) * m] = 1
        A.append(row)
    for j in range(m):
        row = np.zeros(k * m)
        row[j::m] = 1
        A.append(row)
    res = linprog(C.ravel(), A_eq=np.array(A), b_eq=np.concatenate([p, q]), bounds=(0, None), method="highs-ds")
    assert res.status == 0, res.message
    plan = np.maximum(res.x, 0)
    return (plan @ C.ravel()) ** (1 / r)


def weights(k, equal):
    if equal:
        return np.full(k, 1.0 / k)
    w = rng.uniform(0.5, 1.5, k)
    w = w / w.sum()
    w[-1] = 1.0 - w[:-1].sum()
    return w


def line(method, d, r, fitted, truth, value):
    out = [method, str(d), str(len(fitted)), str(len(truth)), str(r)]
    for at in fitted + truth:
        out += [repr(float(at[0]))] + [repr(float(v)) for v in at[1]] + [repr(float(v)) for v in at[2].ravel()]
        out += [repr(float(v)) for v in at[3]] + [repr(float(at[4])), repr(float(at[5]))]
    out.append(repr(float(value)))
    print(" ".join(out))


# rbar(2) = 4, rbar(3) = 6: dgmoe's default order r = rbar(k - k* + 1), 1 when k = k*.
for d in (1, 2):
    for rep in range(3):
        # k = k* = 3, equal weights: an assignment; far-from-truth fits too, so the permutation is not the identity.
        truth = [atom(d, w) for w in weights(3, True)]
        scale = 0.1 if rep == 0 else 1.0
        fitted = [near(truth[j], w, scale) for j, w in zip(rng.permutation(3), weights(3, True))]
        line("assignment", d, 1, fitted, truth, by_assignment(fitted, truth, 1))
        line("assignment", d, 2, fitted, truth, by_assignment(fitted, truth, 2))
        # k = k* = 3, unequal weights: the LP.
        truth = [atom(d, w) for w in weights(3, False)]
        fitted = [near(truth[j], w, scale) for j, w in zip(range(3), weights(3, False))]
        line("lp", d, 1, fitted, truth, by_lp(fitted, truth, 1))
        # Over-fitted: k = 4 (r = 4) and k = 5 (r = 6) around k* = 3.
        for k, r in ((4, 4), (5, 6)):
            truth = [atom(d, w) for w in weights(3, False)]
            parents = list(range(3)) + list(rng.integers(0, 3, k - 3))
            fitted = [near(truth[j], w, 0.1 * scale) for j, w in zip(parents, weights(k, False))]
            line("lp", d, r, fitted, truth, by_lp(fitted, truth, r))
