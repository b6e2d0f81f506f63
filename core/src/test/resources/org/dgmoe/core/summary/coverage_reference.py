"""Reference values for CoverageSummaryTest, computed outside dgmoe with scipy.

The 95% Clopper-Pearson interval of x covered of n replicates from the beta quantiles,
[beta.ppf(0.025, x, n - x + 1), beta.ppf(0.975, x + 1, n - x)] (0 below when x = 0, 1 above when
x = n), and the binomial band of a nominal level: binom.ppf(0.025, n, level) / n and
binom.ppf(0.975, n, level) / n. Run: python3 coverage_reference.py > coverage_reference.out
"""
import scipy
from scipy.stats import beta, binom

CASES = [(0, 5), (5, 5), (3, 5), (188, 200), (190, 200), (200, 200), (95, 100), (80, 100), (1, 400), (380, 400),
         (371, 400)]

print("# scipy " + scipy.__version__ + ": x n ci_low ci_high band_low(0.95) band_high(0.95)")
for x, n in CASES:
    lo = 0.0 if x == 0 else beta.ppf(0.025, x, n - x + 1)
    hi = 1.0 if x == n else beta.ppf(0.975, x + 1, n - x)
    print(x, n, repr(float(lo)), repr(float(hi)), repr(float(binom.ppf(0.025, n, 0.95) / n)),
          repr(float(binom.ppf(0.975, n, 0.95) / n)))
