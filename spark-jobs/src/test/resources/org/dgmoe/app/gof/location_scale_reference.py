"""Reference values of `dgmoe test` with a location-scale g0 (LocationScaleTestCommandTest).

Writes location_scale_data.csv (n = 60 rows, columns dose and response: x ~ U(-1.5, 2), y from a Laplace g0
with mu(x) = 1 + 0.5*sin(2x), s(x) = 0.3 + 0.2x^2, the last 15 rows shifted by +2 as a deviation) and prints,
for g0 of each family (location and scale as above; Student-t with nu = 3), the null log-likelihood
l0 = sum log g0(y|x) and the PIT statistics of u = G0(y|x): KS D, Cramer-von Mises W2 (scipy) and
Anderson-Darling A2 (its formula: scipy.stats.anderson has no uniform law).
Run: python3 location_scale_reference.py > location_scale_reference.out   (scipy 1.17.1)
"""
import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(2022)
n = 60
x = rng.uniform(-1.5, 2.0, n)
mu = 1 + 0.5 * np.sin(2 * x)
s = 0.3 + 0.2 * x ** 2
y = mu + s * rng.laplace(0.0, 1.0, n)
y[45:] += 2.0
with open("location_scale_data.csv", "w") as f:
    f.write("dose,response\n")
    for a, b in zip(x, y):
        f.write(f"{float(a)!r},{float(b)!r}\n")
x = np.loadtxt("location_scale_data.csv", delimiter=",", skiprows=1)[:, 0]
y = np.loadtxt("location_scale_data.csv", delimiter=",", skiprows=1)[:, 1]
mu = 1 + 0.5 * np.sin(2 * x)
s = 0.3 + 0.2 * x ** 2

print("# scipy " + scipy.__version__)
print("family,l0,ks,cvm,ad")
for name, law in [("normal", stats.norm), ("student-t", stats.t(3)), ("laplace", stats.laplace),
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
