"""Grid profile LR (GLR) vs sup-score vs AD in the gof-power setting (issue 25, task gridlr).
numpy/scipy only. Usage: nice -n 10 python3 gridlr.py [B] [R]
"""
import sys, time
import numpy as np
from scipy.special import ndtr

LOG2PI = np.log(2 * np.pi)


def m_gauss(x):
    return x


def m_sin(x):
    return 0.8 * np.sin(3 * x)


def draw(rng, n, m0, lam):
    x = rng.uniform(-1, 1, n)
    y = m0(x) + rng.standard_normal(n)
    if lam > 0:
        dev = rng.uniform(size=n) < lam
        k = dev.sum()
        y[dev] = 2 * x[dev] + 1 + 0.5 * rng.standard_normal(k)
    return x, y


def grid(x, y, slope_mult, qs, var_div):
    """Theta(data) as docs/gof.md: slopes {0, +-s_y/s_x}*..., intercepts at residual order stats e_(ceil(qn)),
    variances v/div, v the residuals' (1/n) variance."""
    n = len(y)
    sy, sx = y.std(), x.std()
    A, Bc, S = [], [], []
    idx = np.ceil(np.asarray(qs) * n).astype(int) - 1
    for c in slope_mult:
        a = c * sy / sx
        e = y - a * x
        es = np.sort(e)
        v = e.var()
        for b in es[idx]:
            for dv in var_div:
                A.append(a); Bc.append(b); S.append(v / dv)
    return np.array(A), np.array(Bc), np.array(S)


COARSE = dict(slope_mult=[0.0, 1.0, -1.0], qs=np.arange(0.05, 0.951, 0.1), var_div=[1, 4, 16, 64])
FINE = dict(slope_mult=[0.0, 0.5, -0.5, 1.0, -1.0, 1.5, -1.5],
            qs=np.arange(0.05, 0.951, 0.05), var_div=[2.0 ** k for k in range(7)])


def logratio(x, y, m0, g):
    A, Bc, S = g
    lg0 = -0.5 * (LOG2PI + (y - m0(x)) ** 2)
    mu = A[:, None] * x[None, :] + Bc[:, None]
    L = -0.5 * (LOG2PI + np.log(S)[:, None] + (y[None, :] - mu) ** 2 / S[:, None]) - lg0[None, :]
    return L


def supscore(r):
    n = r.shape[1]
    m = r.mean(1)
    s = r.std(1)
    z = np.where(s > 0, np.sqrt(n) * m / np.where(s > 0, s, 1), 0.0)
    return z.max()


def glr_rows(L, r, iters=40):
    """max over lam in [0,1] of sum_i log(1 + lam r_i), per row (theta); concave in lam."""
    G, n = r.shape
    out = np.zeros(G)
    lamv = np.zeros(G)
    d0 = r.sum(1)
    pos = d0 > 0
    with np.errstate(over='ignore', invalid='ignore'):
        d1 = (1 - np.exp(-np.minimum(L, 700) * 1.0).clip(max=1e300)).sum(1)  # derivative at lam = 1
    at1 = pos & (d1 >= 0)
    out[at1] = L[at1].sum(1)
    lamv[at1] = 1.0
    act = np.where(pos & ~at1)[0]
    if len(act):
        R = r[act]
        lo = np.zeros(len(act)); hi = np.ones(len(act))
        lam = np.minimum(d0[act] / (R * R).sum(1), 0.5)
        for _ in range(iters):
            den = 1 + lam[:, None] * R
            q = R / den
            g = q.sum(1)
            h = (q * q).sum(1)
            lo = np.where(g > 0, lam, lo)
            hi = np.where(g <= 0, lam, hi)
            new = lam + g / h
            bad = ~((new > lo) & (new < hi))
            new = np.where(bad, 0.5 * (lo + hi), new)
            if np.max(np.abs(new - lam)) < 1e-12:
                lam = new
                break
            lam = new
        out[act] = np.log1p(lam[:, None] * R).sum(1)
        lamv[act] = lam
    return out, lamv


def ad(u):
    n = len(u)
    u = np.sort(np.clip(u, 1e-300, 1 - 2.0 ** -53))
    i = np.arange(1, n + 1)
    return -n - np.mean((2 * i - 1) * (np.log(u) + np.log1p(-u[::-1])))


def cvm(u):
    n = len(u)
    u = np.sort(u)
    i = np.arange(1, n + 1)
    return 1 / (12 * n) + np.sum((u - (2 * i - 1) / (2 * n)) ** 2)


NAMES = ['ad', 'cvm', 'sup', 'glr', 'sup_fine', 'glr_fine', 'glr_v16']


def stats(x, y, m0, fine=True):
    u = ndtr(y - m0(x))
    out = [ad(u), cvm(u)]
    L = logratio(x, y, m0, grid(x, y, **COARSE))
    with np.errstate(over='ignore'):
        r = np.expm1(np.minimum(L, 700))
    out.append(supscore(r))
    gl, _ = glr_rows(L, r)
    out.append(gl.max())
    if fine:
        Lf = logratio(x, y, m0, grid(x, y, **FINE))
        with np.errstate(over='ignore'):
            rf = np.expm1(np.minimum(Lf, 700))
        out.append(supscore(rf))
        glf, _ = glr_rows(Lf, rf)
        out.append(glf.max())
    else:
        out += [np.nan, np.nan]
    # variant: coarse grid without the narrowest variance v/64
    keep = np.tile([True, True, True, False], len(gl) // 4)
    out.append(gl[keep].max())
    return np.array(out)


def pvals(obs, null):
    # p = (1 + #{null >= obs}) / (B + 1), per column
    B = null.shape[0]
    return (1 + (null[None, :, :] >= obs[:, None, :]).sum(1)) / (B + 1)


def null_pvals(null):
    # each null set against the other B-1 null sets (for calibrating combinations)
    B = null.shape[0]
    ranks = (null[None, :, :] >= null[:, None, :]).sum(1)  # includes itself
    return ranks / B


def cauchy(p, cols):
    return np.mean(np.tan((0.5 - p[:, cols]) * np.pi), axis=1)


def run(B, R):
    cells = [('gauss', 0.05, 1000), ('gauss', 0.2, 100), ('sin', 0.05, 1000), ('gauss', 0.1, 300),
             ('gauss', 0.0, 100), ('gauss', 0.0, 1000)]
    m0s = {'gauss': m_gauss, 'sin': m_sin}
    nulls = {}
    combos = {'C(ad,cvm,sup)': [0, 1, 2], 'C(ad,cvm,sup,glr)': [0, 1, 2, 3], 'C(ad,cvm,glr)': [0, 1, 3],
              'C(ad,sup,glr)': [0, 2, 3]}
    print(f"B = {B} null sets per (g0, n), R = {R} replicates per cell; reject at p <= 0.05", flush=True)
    print("cell            n    " + " ".join(f"{k:>8s}" for k in NAMES) + "  " + "  ".join(combos), flush=True)
    for g, lam, n in cells:
        m0 = m0s[g]
        key = (g, n)
        if key not in nulls:
            rng = np.random.default_rng([20261207, 0, n, 0 if g == 'gauss' else 1])
            t = time.process_time()
            nulls[key] = np.array([stats(*draw(rng, n, m0, 0.0), m0) for _ in range(B)])
            dt = (time.process_time() - t) / B
            print(f"# null {g} n={n}: {B} sets, {dt * 1e3:.1f} ms CPU per set (all statistics)", flush=True)
        null = nulls[key]
        rng = np.random.default_rng([20261207, 1, n, int(lam * 1000), 0 if g == 'gauss' else 1])
        obs = np.array([stats(*draw(rng, n, m0, lam), m0) for _ in range(R)])
        p = pvals(obs, null)
        pw = (p <= 0.05).mean(0)
        pn = null_pvals(null)
        cp = []
        for cols in combos.values():
            cn = cauchy(pn, cols)
            co = cauchy(p, cols)
            pc = (1 + (cn[None, :] >= co[:, None]).sum(1)) / (B + 1)
            cp.append((pc <= 0.05).mean())
        print(f"{g}-{lam:<5} {n:5d}   " + " ".join(f"{v:8.3f}" for v in pw) + "  " +
              "  ".join(f"{v:{len(k)}.3f}" for k, v in zip(combos, cp)), flush=True)
        np.savez(f"/tmp/gridlr/cell_{g}_{lam}_{n}.npz", obs=obs, null=null)


if __name__ == '__main__':
    B = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    R = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    run(B, R)
