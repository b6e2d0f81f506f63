"""Does a finer slope grid rescue GLR for a deviation whose slope is off the grid (N(0.5x+1, 0.25), slope/(s_y/s_x)
~ 0.25)? Very fine grid: slopes c*s_y/s_x, c in -1.5..1.5 step 0.125 (25), 10 intercepts, variances v, v/4, v/16.
Fresh nulls (B = 1000), R = 400, power at p <= 0.05."""
import time, numpy as np
from scipy.special import ndtr
from gridlr import grid, logratio, glr_rows, supscore, ad, m_gauss, COARSE
VF = dict(slope_mult=list(np.arange(-1.5, 1.5001, 0.125)), qs=np.arange(0.05, 0.951, 0.1), var_div=[1, 4, 16])
CV16 = dict(COARSE, var_div=[1, 4, 16])
NM = ['ad', 'sup_v16', 'glr_v16', 'supVF', 'glrVF']
def st(x, y):
    out = [ad(ndtr(y - x))]
    for gdef in (CV16, VF):
        L = logratio(x, y, m_gauss, grid(x, y, **gdef))
        with np.errstate(over='ignore'):
            r = np.expm1(np.minimum(L, 700))
        out += [supscore(r), glr_rows(L, r)[0].max()]
    return np.array(out)
def draw(rng, n, lam, a, b):
    x = rng.uniform(-1, 1, n); y = x + rng.standard_normal(n)
    dev = rng.uniform(size=n) < lam
    y[dev] = a * x[dev] + b + 0.5 * rng.standard_normal(dev.sum())
    return x, y
B, R = 1000, 400
print(f"B = {B}, R = {R}; columns " + " ".join(NM))
for lam, n in [(0.05, 1000), (0.2, 100)]:
    rng = np.random.default_rng([20261207, 3, n])
    t = time.process_time()
    null = np.array([st(*draw(rng, n, 0.0, 0, 0)) for _ in range(B)])
    print(f"# null n={n}: {(time.process_time() - t) / B * 1e3:.1f} ms per set; |VF grid| = {25 * 10 * 3}")
    for a in (2.0, 0.5):
        rng = np.random.default_rng([20261207, 4, n, int(a * 10)])
        obs = np.array([st(*draw(rng, n, lam, a, 1.0)) for _ in range(R)])
        p = (1 + (null[None] >= obs[:, None]).sum(1)) / (B + 1)
        print(f"gauss-{lam} n={n} dev N({a}x+1,0.25): " + " ".join(f"{k} {v:.3f}" for k, v in zip(NM, (p <= 0.05).mean(0))), flush=True)
