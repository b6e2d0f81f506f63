# Writes population.csv, the small population of PopulationReaderTest and PopulationSweepTest: N = 300 rows,
# dose ~ U[0, 10], response from g0 = N(1 + 0.5·dose, 0.25) with probability 0.7 and from the expert
# N(6 − 0.3·dose, 0.09) otherwise (σ's are variances), rounded to 6 decimals. A third column, site, is ignored.
# Run from this folder: python3 make_population.py (numpy; seed fixed).
import numpy as np

rng = np.random.default_rng(20261207)
n = 300
dose = np.round(rng.uniform(0, 10, n), 6)
expert = rng.uniform(size=n) < 0.3
response = np.where(expert, 6 - 0.3 * dose + 0.3 * rng.standard_normal(n), 1 + 0.5 * dose + 0.5 * rng.standard_normal(n))
with open("population.csv", "w") as f:
    f.write("site,dose,response\n")
    for i in range(n):
        f.write(f"s{i % 3},{float(dose[i])!r},{round(float(response[i]), 6)!r}\n")
