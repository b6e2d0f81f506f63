#!/usr/bin/env python3
"""Reference for ExpertLeastSquaresCollinearTest: weighted least squares of y on [x, 1] at d = 16 with
near-collinear covariates, solved by numpy's lstsq (SVD of the √w-scaled design: no normal equations,
so it loses digits like cond(design), not cond(design)², the independent reference).

Writes, beside this script:
  collinear_wls_data.csv       rows x_1..x_16, y, w (17 significant digits; the Java test reads these doubles)
  collinear_wls_expected.csv   per case: slopes a_1..a_16, intercept, variance Σw r²/Σw, and
                               cond of the unit-diagonal centred weighted Gram (the matrix dgmoe factors)

Cases (one data set, two weight vectors):
  spread  w ~ U[0.5, 1.5] on all 400 points
  few     w = 1 on 24 points (a component carrying few points: 24 for 17 coefficients), 1e-6 elsewhere
x_2 = x_1 + 1e-5·N(0, 1) and x_16 = (x_3 + x_4)/2 + 1e-4·N(0, 1): near-collinear pairs.

  python3 collinear_wls_reference.py
"""
import os

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(27)
n, d = 400, 16
x = rng.uniform(0, 1, (n, d))
x[:, 1] = x[:, 0] + 1e-5 * rng.standard_normal(n)
x[:, 15] = 0.5 * (x[:, 2] + x[:, 3]) + 1e-4 * rng.standard_normal(n)
a = np.linspace(-1, 1, d)
y = x @ a + 0.5 + 0.1 * rng.standard_normal(n)
w_spread = rng.uniform(0.5, 1.5, n)
w_few = np.full(n, 1e-6)
w_few[rng.choice(n, 24, replace=False)] = 1.0

rows = np.column_stack([x, y, w_spread, w_few])
np.savetxt(os.path.join(here, "collinear_wls_data.csv"), rows, fmt="%.17g", delimiter=",",
           header="x1..x16,y,w_spread,w_few", comments="# ")

out = []
for name, w in (("spread", w_spread), ("few", w_few)):
    z = np.column_stack([x, np.ones(n)])
    s = np.sqrt(w)
    beta, *_ = np.linalg.lstsq(z * s[:, None], y * s, rcond=None)
    r = y - z @ beta
    variance = (w * r * r).sum() / w.sum()
    m = (w[:, None] * x).sum(axis=0) / w.sum()
    c = ((x - m) * w[:, None]).T @ (x - m)
    dsc = np.sqrt(np.diag(c))
    cond = np.linalg.cond(c / np.outer(dsc, dsc))
    out.append([name] + [f"{v:.17g}" for v in list(beta) + [variance, cond]])
with open(os.path.join(here, "collinear_wls_expected.csv"), "w") as f:
    f.write("# case,a1..a16,intercept,variance,cond (numpy lstsq; collinear_wls_reference.py)\n")
    for row in out:
        f.write(",".join(row) + "\n")
    print(*[" ".join(r[:1] + r[-2:]) for r in out], sep="\n")
