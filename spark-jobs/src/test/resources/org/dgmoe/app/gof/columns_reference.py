"""Reference values of `dgmoe test` with a columns g0 (ColumnsTestCommandTest).

Writes columns_data.csv (n = 60 rows, columns dose, response, pred_mu, pred_s): x ~ U(-1.5, 2), y from a
two-component mixture of linear experts (70%: 1 + 0.8x + 0.4 N(0,1); 30%: -1 - 0.5x + 0.3 N(0,1)); pred_mu
and pred_s are a user's model's predictions, both least-squares fits: pred_mu the fitted values of y on
(1, x, x^2), pred_s sqrt(pi/2) times the fitted values of |residual| on (1, x) (the mean absolute deviation
of a normal law is s sqrt(2/pi)), floored at 0.05. Then prints, for g0 of each family with location pred_mu
and scale pred_s (Student-t with nu = 4), the null log-likelihood l0 = sum log g0(y|row) and the PIT
statistics of u = G0(y|row): KS D, Cramer-von Mises W2 (scipy) and Anderson-Darling A2 (its formula:
scipy.stats.anderson has no uniform law).
Run: python3 columns_reference.py > columns_reference.out
"""
import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(2212)
n = 60
x = rng.uniform(-1.5, 2.0, n)
second = rng.uniform(size=n) < 0.3
y = np.where(second, -1 - 0.5 * x + 0.3 * rng.standard_normal(n), 1 + 0.8 * x + 0.4 * rng.standard_normal(n))
design = np.column_stack([np.ones(n), x, x ** 2])
mu = design @ np.linalg.lstsq(design, y, rcond=None)[0]
linear = np.column_stack([np.ones(n), x])
s = np.maximum(np.sqrt(np.pi / 2) * (linear @ np.linalg.lstsq(linear, np.abs(y - mu), rcond=None)[0]), 0.05)
with open("columns_data.csv", "w") as f:
    f.write("dose,response,pred_mu,pred_s\n")
    for row in zip(x, y, mu, s):
        f.write(",".join(repr(float(v)) for v in row) + "\n")
data = np.loadtxt("columns_data.csv", delimiter=",", skiprows=1)
y, mu, s = data[:, 1], data[:, 2], data[:, 3]

print("# scipy " + scipy.__version__)
print("family,l0,ks,cvm,ad")
for name, law in [("normal", stats.norm), ("student-t", stats.t(4)), ("laplace", stats.laplace),
                  ("logistic", stats.logistic)]:
    t = (y - mu) / s
    l0 = float(np.sum(law.logpdf(t) - np.log(s)))
    u = np.sort(law.cdf(t))
    ks = float(stats.kstest(u, "uniform").statistic)
    cvm = float(stats.cramervonmises(u, "uniform").statistic)
    i = np.arange(1, n + 1)
    lo = np.clip(u, 1e-300, np.nextafter(1, 0))
    ad = float(-n - np.sum((2 * i - 1) * (np.log(lo) + np.log1p(-lo[::-1]))) / n)
    print(f"{name},{l0!r},{ks!r},{cvm!r},{ad!r}")
