"""Reference values of the location-scale g0 (LocationScaleGoldenTest): scipy's logpdf, cdf and ppf.

g0(y | x) = f((y - mu(x)) / s(x)) / s(x) with mu(x) = 1 + 0.5*sin(2*x1), s(x) = 0.3 + 0.2*x1^2, and f the
standard normal, Student-t (nu = 3 and 2.5), Laplace and logistic. Rows: family, dof, kind, x1, arg, value
where kind is logpdf (arg = y), cdf (arg = y) or quantile (arg = u: the y whose CDF is u, mu + s*ppf(u)).
Run: python3 location_scale_scipy.py > location_scale_scipy.csv   (scipy 1.17.1, numpy as installed)
"""
import numpy as np
import scipy
from scipy import stats

FAMILIES = [("normal", float("nan"), stats.norm), ("student-t", 3.0, None), ("student-t", 2.5, None),
            ("laplace", float("nan"), stats.laplace), ("logistic", float("nan"), stats.logistic)]
XS = [-1.5, 0.0, 0.4, 2.0]
TS = [-30.0, -8.0, -3.5, -1.0, -0.1, 0.0, 0.3, 1.7, 4.0, 12.0, 40.0]
US = [1e-10, 1e-4, 0.01, 0.2, 0.5, 0.73, 0.99, 0.9999]


def main():
    print("# scipy " + scipy.__version__ + ", numpy " + np.__version__)
    print("family,dof,kind,x1,arg,value")
    for name, dof, dist in FAMILIES:
        law = stats.t(dof) if name == "student-t" else dist
        for x in XS:
            mu = float(1 + 0.5 * np.sin(2 * x))
            s = 0.3 + 0.2 * x ** 2
            for t in TS:
                y = mu + s * t
                print(f"{name},{dof!r},logpdf,{x!r},{y!r},{float(law.logpdf((y - mu) / s) - np.log(s))!r}")
                print(f"{name},{dof!r},cdf,{x!r},{y!r},{float(law.cdf((y - mu) / s))!r}")
            for u in US:
                print(f"{name},{dof!r},quantile,{x!r},{u!r},{float(mu + s * law.ppf(u))!r}")


main()
