#!/usr/bin/env python3
"""A vectorised numpy EM for the deviated Gaussian mixture of experts: the usual hand-written
research code (whole-array E-step with an (n, k+1) log-weight matrix and log-sum-exp, closed-form
M-step by weighted least squares per expert), the same model and iteration as dgmoe's plain EM
(core/.../EmFitter.java, reference §3):

  t_0n = log(1 - λ) + log g0(y_n|x_n),  t_in = log λ + log p_i + log φ(y_n; a_iᵀx_n + b_i, σ_i),
  w_in = exp(t_in - LSE_n),  ℓ = Σ_n LSE_n;
  λ' = 1 - mean w_0,  p_i' = Σ w_i / Σ_{j≥1} w_j,  (a_i', b_i') = WLS of y on [x, 1] with weights w_i,
  σ_i' = max(Σ w_i (y - a_i'ᵀx - b_i')² / Σ w_i, 1e-6).

Reads the data dgmoe exported (bench/src/main/java/org/dgmoe/bench/NumpyComparison.java: x.f64
column-major, y.f64, logg0.f64 = log g0 as dgmoe computes it, start.txt), runs exactly the exported
number of M-steps from the exported start, and prints per fit ns per point per component per
iteration = time · 1e9 / (n·k·iterations) (all E-steps, the final ℓ evaluation and the M-steps,
as for dgmoe), wall and process CPU time (single-threaded BLAS: run.sh sets the thread counts to 1) and the final ℓ, which must agree with dgmoe's to ~1e-10 relative.

  python3 bench/numpy/em_numpy.py DIR REPEATS
"""
import sys
import time

import numpy as np

VARIANCE_FLOOR = 1e-6


def read(directory):
    with open(f"{directory}/start.txt") as f:
        n, d, k, iterations = (int(v) for v in f.readline().split())
        lam = float(f.readline())
        rows = [[float(v) for v in f.readline().split()] for _ in range(k)]
    x = np.fromfile(f"{directory}/x.f64", dtype="<f8").reshape(d, n).T
    y = np.fromfile(f"{directory}/y.f64", dtype="<f8")
    logg0 = np.fromfile(f"{directory}/logg0.f64", dtype="<f8")
    p = np.array([r[0] for r in rows])
    b = np.array([r[1] for r in rows])
    v = np.array([r[2] for r in rows])
    a = np.array([r[3:3 + d] for r in rows])
    return x, y, logg0, lam, p, a, b, v, iterations


def e_step(z, y, logg0, lam, p, beta, v):
    """(ℓ, responsibilities W (n, k+1)) at θ."""
    mean = z @ beta.T                                             # (n, k)
    t = np.empty((y.size, p.size + 1))
    t[:, 0] = np.log1p(-lam) + logg0
    t[:, 1:] = (np.log(lam) + np.log(p) - 0.5 * np.log(2 * np.pi * v)) - (y[:, None] - mean) ** 2 / (2 * v)
    m = t.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(t - m).sum(axis=1))
    return lse.sum(), np.exp(t - lse[:, None])


def m_step(z, y, w):
    n = y.size
    lam = min(1.0, max(0.0, 1 - w[:, 0].sum() / n))
    wk = w[:, 1:]
    mass = wk.sum(axis=0)
    p = mass / mass.sum()
    k, q = wk.shape[1], z.shape[1]
    beta = np.empty((k, q))
    v = np.empty(k)
    for i in range(k):
        zw = z * wk[:, i:i + 1]
        beta[i] = np.linalg.solve(zw.T @ z, zw.T @ y)
        r = y - z @ beta[i]
        v[i] = max((wk[:, i] * r * r).sum() / mass[i], VARIANCE_FLOOR)
    return lam, p, beta, v


def fit(x, y, logg0, lam, p, a, b, v, iterations):
    z = np.hstack([x, np.ones((y.size, 1))])
    beta = np.hstack([a, b[:, None]])
    ll, w = e_step(z, y, logg0, lam, p, beta, v)
    for _ in range(iterations):
        lam, p, beta, v = m_step(z, y, w)
        ll, w = e_step(z, y, logg0, lam, p, beta, v)
    return ll


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: em_numpy.py DIR REPEATS")
    x, y, logg0, lam, p, a, b, v, iterations = read(sys.argv[1])
    n, k = y.size, p.size
    for r in range(int(sys.argv[2])):
        t0, c0 = time.perf_counter(), time.process_time()
        ll = fit(x, y, logg0, lam, p, a, b, v, iterations)
        ns, cpu = (time.perf_counter() - t0) * 1e9, (time.process_time() - c0) * 1e9
        work = n * k * iterations
        print(f"numpy fit {r}: {ns / work:.3f} ns/point/component/iteration, cpu {cpu / work:.3f}, loglik {ll:.12e}, "
              f"iterations {iterations}")


if __name__ == "__main__":
    main()
