"""Robustness: a deviation whose slope is NOT s_y/s_x (the coarse grid's only non-zero |slope|, which happens to be
~2 = the gof-power deviation's slope). Nulls reused from gridlr.py's cell files (they do not depend on the truth)."""
import numpy as np
from gridlr import stats, m_gauss, m_sin, pvals, NAMES

def draw_dev(rng, n, m0, lam, a, b):
    x = rng.uniform(-1, 1, n)
    y = m0(x) + rng.standard_normal(n)
    dev = rng.uniform(size=n) < lam
    y[dev] = a * x[dev] + b + 0.5 * rng.standard_normal(dev.sum())
    return x, y

R = 400
print(f"R = {R}, nulls B = 2000 from gridlr.py; power at p <= 0.05")
print("cell                         " + " ".join(f"{k:>8s}" for k in NAMES))
for g, lam, n, nullfile in [('gauss', 0.05, 1000, 'cell_gauss_0.05_1000.npz'), ('gauss', 0.2, 100, 'cell_gauss_0.2_100.npz'),
                            ('sin', 0.05, 1000, 'cell_sin_0.05_1000.npz')]:
    m0 = m_gauss if g == 'gauss' else m_sin
    null = np.load(nullfile)['null']
    for a, b in [(-1.0, 1.0), (0.5, 1.0)]:
        if g == 'sin' and a == 0.5:
            continue
        rng = np.random.default_rng([20261207, 2, n, int(lam * 1000), int(a * 10) + 100])
        obs = np.array([stats(*draw_dev(rng, n, m0, lam, a, b), m0) for _ in range(R)])
        pw = (pvals(obs, null) <= 0.05).mean(0)
        print(f"{g}-{lam} n={n:<5d} dev N({a}x+{b},0.25) " + " ".join(f"{v:8.3f}" for v in pw), flush=True)
