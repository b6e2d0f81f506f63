# Reference values for core/src/test/java/org/dgmoe/core/gof/CombinationTest.java: the combined tests of
# docs/gof.md ("The combined test") computed outside dgmoe from their definition, written independently of
# the Java code and without its rank shortcut.
#   Sets 0 (the observed data) .. B of a case. For each set j and each Monte Carlo component k (lrt, cvm,
#   ad, hc, bj, smooth, supscore, gridlr; large = reject) p_kj = (1 + #{i != j : S_ki >= S_kj}) / (B + 1), counted
#   pair by pair (O(B^2)); for KS the exact p-value stored beside D (ks_p). m_j = min_k p_kj;
#   C_j = sum_k w_k tan((1/2 - p_kj) pi) in the order lrt, ks, cvm, ad, hc, bj, smooth, supscore, gridlr,
#   w = 3/4 for gridlr and 1/32 for each other component.
#   combined p-value (the headline test, the exactly calibrated Cauchy combination) = (1 + #{j >= 1 : C_j >=
#   C_0}) / (B + 1); Cauchy analytic = 1/2 - arctan(C_0) / pi (Liu & Xie 2020, weights summing to 1);
#   min-p p-value (test minp) = (1 + #{j >= 1 : m_j <= m_0}) / (B + 1).
# Inputs: combination_statistics.csv (two real small tests, dumped by CombinationTest with
# -Ddgmoe.dumpCombination=FILE) and combination_synthetic.csv, which this script writes: statistics drawn
# from a seeded numpy generator and rounded to a few values, so that ties are everywhere, and in case
# "tied-observed" the observed set is a copy of null set 3; "continuous-49" has no ties.
# Run: python3 combination_reference.py > combination_reference.out  (numpy 2.4.6). Output per case:
# name C_0 combined-p-value Cauchy-analytic m_0 minp-p-value (repr round-trips doubles).
import csv
import math

import numpy as np

COLUMNS = ["lrt", "ks", "ks_p", "cvm", "ad", "hc", "bj", "smooth", "supscore", "gridlr"]
ORDER = ["lrt", "ks", "cvm", "ad", "hc", "bj", "smooth", "supscore", "gridlr"]
WEIGHTS = {k: (0.75 if k == "gridlr" else 1.0 / 32) for k in ORDER}


def synthetic():
    rng = np.random.default_rng(20261207)
    cases = {}
    for name, b, levels in [("ties-19", 19, 3), ("ties-29", 29, 4), ("few-values-99", 99, 6),
                            ("tied-observed", 29, 5), ("continuous-49", 49, 0)]:
        sets = []
        for j in range(b + 1):
            if levels == 0:
                # no ties: continuous statistics and KS p-values
                row = {c: float(rng.gamma(2.0)) for c in COLUMNS}
                row["ks_p"] = float(rng.uniform(0.001, 1.0))
            else:
                row = {c: float(rng.integers(0, levels)) for c in COLUMNS}
                # an exact KS p-value in (0, 1], on a coarse grid so that the KS p-values tie too
                row["ks_p"] = float(rng.integers(1, 11)) / 10.0
            sets.append(row)
        if name == "tied-observed":
            sets[0] = dict(sets[3])
        cases[name] = sets
    with open("combination_synthetic.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["case", "set"] + COLUMNS)
        for name, sets in cases.items():
            for j, row in enumerate(sets):
                w.writerow([name, j] + [repr(row[c]) for c in COLUMNS])
    return cases


def read(path):
    cases = {}
    with open(path) as f:
        for row in csv.DictReader(f):
            sets = cases.setdefault(row["case"], [])
            assert int(row["set"]) == len(sets)
            sets.append({c: float(row[c]) for c in COLUMNS})
    return cases


def combine(sets):
    total = len(sets)  # B + 1
    b = total - 1
    m = []
    cauchy = []
    for j in range(total):
        ps = []
        for k in ORDER:
            if k == "ks":
                ps.append(sets[j]["ks_p"])
            else:
                x = sum(1 for i in range(total) if i != j and sets[i][k] >= sets[j][k])
                ps.append((1.0 + x) / (b + 1.0))
        m.append(min(ps))
        c = 0.0
        for k, p in zip(ORDER, ps):
            c += WEIGHTS[k] * math.tan((0.5 - p) * math.pi)
        cauchy.append(c)
    min_p_value = (1.0 + sum(1 for j in range(1, total) if m[j] <= m[0])) / (b + 1.0)
    combined_p_value = (1.0 + sum(1 for j in range(1, total) if cauchy[j] >= cauchy[0])) / (b + 1.0)
    analytic = 0.5 - math.atan(cauchy[0]) / math.pi
    return cauchy[0], combined_p_value, analytic, m[0], min_p_value


def main():
    cases = read("combination_statistics.csv")
    cases.update(synthetic())
    for name, sets in cases.items():
        print(name, " ".join(repr(v) for v in combine(sets)))


if __name__ == "__main__":
    main()
