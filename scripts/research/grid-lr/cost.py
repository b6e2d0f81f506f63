import time, numpy as np
from gridlr import *
rng = np.random.default_rng(7); K = 200
sets = [draw(rng, 1000, m_gauss, 0.05) for _ in range(K)]
for name, gd in [('warm-up', COARSE), ('coarse 120', COARSE), ('coarse v16 90', dict(COARSE, var_div=[1, 4, 16])), ('fine 931', FINE)]:
    t0 = time.process_time(); Ls = []
    for x, y in sets:
        L = logratio(x, y, m_gauss, grid(x, y, **gd)); r = np.expm1(np.minimum(L, 700)); supscore(r); Ls.append((L, r))
    t1 = time.process_time()
    for L, r in Ls: glr_rows(L, r)
    t2 = time.process_time()
    print(f"n=1000 {name}: grid + log-ratios + sup-score {(t1 - t0) / K * 1e3:.2f} ms, GLR Newton on top {(t2 - t1) / K * 1e3:.2f} ms per data set")
