# Writes conf/data/dose-response.csv, the worked example of docs/gof.md: 300 patients, a dose in [0, 10]
# (mg), a response whose bulk follows the published calibration g0 = N(2 + 0.8·dose, 1), and 12% of
# responders from a second line N(9.5 − 0.4·dose, 0.6²). Extra columns (patient id, site) are ignored by
# dgmoe. Run: python3 conf/data/make_dose_response.py (numpy; seed fixed).
import numpy as np

rng = np.random.default_rng(20261202)
n = 300
dose = np.round(rng.uniform(0, 10, n), 3)
deviant = rng.uniform(size=n) < 0.12
response = np.where(deviant, 9.5 - 0.4 * dose + 0.6 * rng.standard_normal(n), 2 + 0.8 * dose + rng.standard_normal(n))
site = rng.choice(["north", "south", "east"], n)
with open("conf/data/dose-response.csv", "w") as f:
    f.write("patient,site,dose,response\n")
    for i in range(n):
        f.write(f"P{i + 1:04d},{site[i]},{float(dose[i])!r},{round(float(response[i]), 4)!r}\n")
