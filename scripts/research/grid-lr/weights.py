"""Post hoc, from extra.py's saved statistics: Cauchy sums over PIT6 + sup-score + GLR variant with the GLR's weight w
(the rest sharing 1 - w equally), calibrated by rank on the same null sample. Gap = combined - best single component."""
import numpy as np
from gridlr import pvals, null_pvals
cells = [('gauss', 0.05, 1000), ('gauss', 0.2, 100), ('sin', 0.05, 1000), ('gauss', 0.1, 300), ('gauss', 0.0, 100), ('gauss', 0.0, 1000)]
PIT6 = ['ks', 'cvm', 'ad', 'hc', 'bj', 'smooth']
for glrname in ['glr', 'glr_v16']:
  for keep_sup in [True, False]:
    comps = PIT6 + (['sup'] if keep_sup else []) + [glrname]
    for w in [1 / len(comps), 0.25, 0.35, 0.5]:
        row = []
        for g, lam, n in cells:
            d = np.load(f"all_{g}_{lam}_{n}.npz"); names = list(d['names'])
            cols = [names.index(k) for k in comps]
            null, obs = d['null'], d['obs']
            p, pn = pvals(obs, null)[:, cols], null_pvals(null)[:, cols]
            wt = np.full(len(cols), (1 - w) / (len(cols) - 1)); wt[-1] = w
            cn = np.tan((0.5 - pn) * np.pi) @ wt; co = np.tan((0.5 - p) * np.pi) @ wt
            pc = (1 + (cn[None, :] >= co[:, None]).sum(1)) / (null.shape[0] + 1)
            pw = np.mean(pc <= 0.05); best = (p <= 0.05).mean(0).max()
            row.append(f"{pw:.3f} ({pw - best:+.3f})" if lam > 0 else f"size {pw:.3f}")
        print(f"{'+'.join(['PIT6'] + comps[6:]):18s} w_glr={w:.3f}: " + " | ".join(row))
