"""Reference values of NearDegeneracyTest: the OLS residual variance RSS / (n - d - 1) of y on (1, x).

Run from the repository root:  python3 core/src/test/python/near_degeneracy_reference.py
The data are the test's: x_i = (i / 7, sin(i)), y_i = 1.5 - 2 x_i1 + 0.5 x_i2 + cos(3 i) / 4, i = 0..11.
numpy.linalg.lstsq solves the least squares by an SVD, independently of the Java code's centred
normal equations.
"""
import numpy as np

i = np.arange(12)
x = np.column_stack([i / 7.0, np.sin(i)])
y = 1.5 - 2.0 * x[:, 0] + 0.5 * x[:, 1] + np.cos(3.0 * i) / 4.0
design = np.column_stack([np.ones(len(y)), x])
beta, rss, rank, _ = np.linalg.lstsq(design, y, rcond=None)
resid = y - design @ beta
print(repr(float(resid @ resid / (len(y) - x.shape[1] - 1))))
# d = 1: only the first covariate
design1 = np.column_stack([np.ones(len(y)), x[:, 0]])
beta1 = np.linalg.lstsq(design1, y, rcond=None)[0]
resid1 = y - design1 @ beta1
print(repr(float(resid1 @ resid1 / (len(y) - 2))))
