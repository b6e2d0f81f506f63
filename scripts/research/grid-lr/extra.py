"""Second pass: the same data sets as gridlr.py (same seeds, same draws), more statistics (KS, HC, BJ, smooth,
sup-score and GLR variants without the narrowest variances), and Cauchy combinations calibrated on the null
sample (proxies of dgmoe's battery WITHOUT the LRT, which needs fits). Usage: python3 extra.py B R"""
import sys, time
import numpy as np
from scipy.special import ndtr, xlogy
from numpy.polynomial import legendre
from gridlr import (draw, m_gauss, m_sin, grid, logratio, supscore, glr_rows, COARSE, pvals, null_pvals)

FINE_V16 = dict(slope_mult=[0.0, 0.5, -0.5, 1.0, -1.0, 1.5, -1.5],
                qs=np.arange(0.05, 0.951, 0.05), var_div=[2.0 ** k for k in range(5)])


def ks(u):
    n = len(u); u = np.sort(u); i = np.arange(1, n + 1)
    return max(np.max(i / n - u), np.max(u - (i - 1) / n))


def hcplus(v):
    n = len(v); v = np.maximum(np.sort(v), 1 / n)[: n // 2]; i = np.arange(1, len(v) + 1)
    return np.max(np.sqrt(n) * (i / n - v) / np.sqrt(v * (1 - v)))


def hc(u):
    return max(hcplus(u), hcplus(1 - u))


def K(a, b):
    return xlogy(a, a) - xlogy(a, b) + xlogy(1 - a, 1 - a) - xlogy(1 - a, 1 - b)


def bj(u):
    n = len(u); u = np.sort(np.clip(u, 1e-300, 1 - 2.0 ** -53)); i = np.arange(1, n + 1)
    return n * max(np.max(K(i / n, u)), np.max(K((i - 1) / n, u)))


def smooth(u):
    n = len(u)
    P = legendre.legvander(2 * u - 1, 10)[:, 1:] * np.sqrt(2 * np.arange(1, 11) + 1)
    V = P.sum(0) / np.sqrt(n)
    N = np.cumsum(V ** 2)
    S = int(np.argmax(N - np.arange(1, 11) * np.log(n)))  # first maximiser
    return N[S]


XNAMES = ['ks', 'hc', 'bj', 'smooth', 'sup_v16', 'glrF_v16']


def xstats(x, y, m0):
    u = ndtr(y - m0(x))
    out = [ks(u), hc(u), bj(u), smooth(u)]
    L = logratio(x, y, m0, grid(x, y, **COARSE))
    keep = np.tile([True, True, True, False], L.shape[0] // 4)
    with np.errstate(over='ignore'):
        r = np.expm1(np.minimum(L[keep], 700))
    out.append(supscore(r))
    Lf = logratio(x, y, m0, grid(x, y, **FINE_V16))
    with np.errstate(over='ignore'):
        rf = np.expm1(np.minimum(Lf, 700))
    out.append(glr_rows(Lf, rf)[0].max())
    return np.array(out)


ALL = ['ad', 'cvm', 'sup', 'glr', 'sup_fine', 'glr_fine', 'glr_v16'] + XNAMES
ix = {k: i for i, k in enumerate(ALL)}
PIT6 = ['ks', 'cvm', 'ad', 'hc', 'bj', 'smooth']
COMBOS = {
    'C7 = PIT6+sup (dgmoe minus LRT)': PIT6 + ['sup'],
    'C8 = C7+glr': PIT6 + ['sup', 'glr'],
    'C8 = C7+glr_v16': PIT6 + ['sup', 'glr_v16'],
    'C7 sup->glr': PIT6 + ['glr'],
    'C7 sup->glr_v16': PIT6 + ['glr_v16'],
    'C7 sup->sup_v16': PIT6 + ['sup_v16'],
}


def run(B, R):
    cells = [('gauss', 0.05, 1000), ('gauss', 0.2, 100), ('sin', 0.05, 1000), ('gauss', 0.1, 300),
             ('gauss', 0.0, 100), ('gauss', 0.0, 1000)]
    m0s = {'gauss': m_gauss, 'sin': m_sin}
    nulls = {}
    print(f"B = {B}, R = {R}; power at p <= 0.05 (and, for GLR variants, at p <= 0.05/8)", flush=True)
    for g, lam, n in cells:
        m0 = m0s[g]
        d = np.load(f"/tmp/gridlr/cell_{g}_{lam}_{n}.npz")
        key = (g, n)
        if key not in nulls:
            rng = np.random.default_rng([20261207, 0, n, 0 if g == 'gauss' else 1])
            t = time.process_time()
            xn = np.array([xstats(*draw(rng, n, m0, 0.0), m0) for _ in range(B)])
            print(f"# null {g} n={n}: {(time.process_time() - t) / B * 1e3:.1f} ms per set (extra statistics)",
                  flush=True)
            nulls[key] = np.hstack([d['null'], xn])
        null = nulls[key]
        rng = np.random.default_rng([20261207, 1, n, int(lam * 1000), 0 if g == 'gauss' else 1])
        xo = np.array([xstats(*draw(rng, n, m0, lam), m0) for _ in range(R)])
        obs = np.hstack([d['obs'], xo])
        p = pvals(obs, null)
        pn = null_pvals(null)
        pw = (p <= 0.05).mean(0)
        pw8 = (p <= 0.05 / 8).mean(0)
        print(f"\n{g}-{lam} n={n}: " + ", ".join(f"{k} {v:.3f}" for k, v in zip(ALL, pw)))
        print("   at p <= 0.05/8: " + ", ".join(f"{k} {pw8[ix[k]]:.3f}" for k in
                                                 ['sup', 'sup_v16', 'glr', 'glr_v16', 'glr_fine', 'glrF_v16']))
        for name, comps in COMBOS.items():
            cols = [ix[k] for k in comps]
            cn = np.mean(np.tan((0.5 - pn[:, cols]) * np.pi), axis=1)
            co = np.mean(np.tan((0.5 - p[:, cols]) * np.pi), axis=1)
            pc = (1 + (cn[None, :] >= co[:, None]).sum(1)) / (B + 1)
            best = max(comps, key=lambda k: pw[ix[k]])
            print(f"   {name:34s} power {np.mean(pc <= 0.05):.3f}  (best of its components {best} {pw[ix[best]]:.3f})")
        np.savez(f"/tmp/gridlr/all_{g}_{lam}_{n}.npz", obs=obs, null=null, names=ALL)


if __name__ == '__main__':
    run(int(sys.argv[1]), int(sys.argv[2]))
