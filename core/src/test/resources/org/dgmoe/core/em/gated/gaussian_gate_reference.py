# Reference weighted moments for GaussianGateSolverTest (run: python3 gaussian_gate_reference.py > gaussian_gate_reference.out).
# Deterministic data (no RNG), recomputed identically by the test: n = 40, d = 2, k = 2.
# w_i = sum_n u_in / n, c_i = np.average(x, weights=u_i), Gamma_i = np.cov(x, aweights=u_i, bias=True).
import numpy as np

n = 40
m = np.arange(n, dtype=float)
x1 = 3 * np.sin(0.9 * m) + 1
x2 = np.cos(0.4 * m) + 0.5 * x1
u0 = 0.5 + 0.5 * np.sin(1.3 * m + 0.2)
u = np.vstack([u0, 1 - u0])
x = np.vstack([x1, x2])
for i in range(2):
    w = u[i].sum() / n
    c = np.average(x, axis=1, weights=u[i])
    g = np.cov(x, aweights=u[i], bias=True)
    print("w%d %.17g" % (i, w))
    print("c%d %.17g %.17g" % (i, c[0], c[1]))
    print("G%d %.17g %.17g %.17g" % (i, g[0, 0], g[0, 1], g[1, 1]))
print("numpy %s" % np.__version__)
