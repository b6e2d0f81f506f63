#!/usr/bin/env python3
"""Other ways to combine the eight component p-values, offline, on a sweep's export: fixed-weight Cauchy sums and
exact min-p rules over sub-combinations, each calibrated exactly by rank like `combined` (docs/gof.md).

usage: python3 scripts/combination-rules.py EXPORT_DIR

EXPORT_DIR is `bin/dgmoe export` of a sweep with the goodness-of-fit test (its tests.csv and nulls.csv; either
layout of docs/gof.md, "The combined test"). For every replicate and every null set j the component p-values are
rebuilt as scripts/cauchy-truncation.py rebuilds them (which first checks that they reproduce the export's); then
  - Cauchy sums C_w = sum_k w_k tan((1/2 - p_k) pi) over a grid of weights: the LRT's w_L and the sup-score's w_S in
    {1/8, 0.2, 0.25, 0.3, 0.35}, the six PIT tests sharing the rest equally (w_L = w_S = 1/8 is `combined`);
  - min-p rules: the smallest of the exact p-values of a few statistics (each a fixed function of a set's
    component p-values), calibrated by the rank of the observed minimum among the null sets' leave-one-out minima:
    {C_equal, LRT, sup-score}, {C_PIT, LRT, sup-score}, {C_PIT, C_model}, {C_equal, sup-score}, where C_PIT is the
    equal Cauchy sum of the six PIT tests and C_model that of the LRT and the sup-score.
Prints, per rule, the size range over the lambda* = 0 cells, the number of deviated cells where the rule's power at
alpha = 0.05 is more than 0.05 below the best single component's (chosen after the fact), the worst such gap and
its cell, and the mean gap. numpy only; a few minutes for 12 000 replicates with B = 3 999.

Every rule here was chosen after seeing the run it is applied to (docs/results.md): a rule that passed on one run
would need another seed before it could count.
"""
import collections
import csv
import importlib.util
import math
import os
import sys

import numpy as np

_spec = importlib.util.spec_from_file_location(
    "cauchy_truncation", os.path.join(os.path.dirname(os.path.abspath(__file__)), "cauchy-truncation.py"))
ct = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ct)
ORDER = ct.ORDER
ALPHA = 0.05
PIT = np.array([0, 1, 1, 1, 1, 1, 1, 0]) / 6
MODEL = np.array([1, 0, 0, 0, 0, 0, 0, 1]) / 2
EQUAL = np.full(8, 1 / 8)
GRID = [0.125, 0.2, 0.25, 0.3, 0.35]


def weights(w_lrt, w_sup):
    rest = (1 - w_lrt - w_sup) / 6
    return np.array([w_lrt, rest, rest, rest, rest, rest, rest, w_sup])


def rank_p(s0, s):
    """The exact p-value of s0 among the null statistics s (larger = more extreme), and each null set's
    leave-one-out p-value (the other B - 1 null sets and the observed one)."""
    b = len(s)
    at_least = b - np.searchsorted(np.sort(s), s, side="left")  # itself included
    return (1 + np.count_nonzero(s >= s0)) / (b + 1), (at_least + (s0 >= s)) / (b + 1)


def min_p(stats):
    ps = [rank_p(s0, s) for s0, s in stats]
    m0 = min(p0 for p0, _ in ps)
    m = np.min(np.vstack([pj for _, pj in ps]), axis=0)
    return (1 + np.count_nonzero(m <= m0)) / (len(m) + 1)


def rules(t0, t):
    """Each rule's exact p-value for one replicate: t0 the observed tangents (8), t the null sets' (8 x B)."""
    out = {}
    for w_lrt in GRID:
        for w_sup in GRID:
            w = weights(w_lrt, w_sup)
            out[f"cauchy lrt {w_lrt:.3f} sup {w_sup:.3f} pit {w[1]:.3f}"] = rank_p(w @ t0, w @ t)[0]
    c_eq = (EQUAL @ t0, EQUAL @ t)
    c_pit = (PIT @ t0, PIT @ t)
    out["min-p {C_equal, lrt, supscore}"] = min_p([c_eq, (t0[0], t[0]), (t0[7], t[7])])
    out["min-p {C_pit, lrt, supscore}"] = min_p([c_pit, (t0[0], t[0]), (t0[7], t[7])])
    out["min-p {C_pit, C_model}"] = min_p([c_pit, (MODEL @ t0, MODEL @ t)])
    out["min-p {C_equal, supscore}"] = min_p([c_eq, (t0[7], t[7])])
    return out


def main(folder):
    nulls = ct.read_nulls(folder + "/nulls.csv")
    cells = collections.defaultdict(list)
    with open(folder + "/tests.csv") as f:
        for r in csv.DictReader(f):
            d = nulls[(r["setting"], int(r["n"]))]
            b = len(d["lrt"][0])
            t0 = np.zeros(8)
            t = np.zeros((8, b))
            ps = np.zeros(8)
            for i, k in enumerate(ORDER):
                p0 = float(r[ct.observed_p(k)])
                v, at_least = d[k]
                p = v if k == "ks" else (1.0 + (at_least - 1 + (float(r[ct.observed_statistic(k)]) >= v))) / (b + 1.0)
                ps[i] = p0
                t0[i] = math.tan((0.5 - p0) * math.pi)
                t[i] = np.tan((0.5 - p) * np.pi)
            cells[(r["setting"], int(r["n"]))].append((rules(t0, t), ps))

    def order(key):
        family, strength = key[0].rsplit("-", 1)
        return family, float(strength), key[1]

    names = list(next(iter(cells.values()))[0][0])
    sizes = {k: [] for k in names}
    gaps = {k: [] for k in names}
    for key in sorted(cells, key=order):
        rows = cells[key]
        power = {k: np.mean([p[k] <= ALPHA for p, _ in rows]) for k in names}
        if order(key)[1] == 0:
            for k in names:
                sizes[k].append(power[k])
            continue
        single = np.mean(np.array([ps for _, ps in rows]) <= ALPHA, axis=0)
        for k in names:
            gaps[k].append((power[k] - single.max(), key))
    print("| rule | size at 0.05 (min–max over the λ* = 0 cells) | cells more than 0.05 below the best single "
          "| worst gap (cell) | mean gap |")
    print("|---|---|---|---|---|")
    for k in names:
        worst = min(gaps[k])
        print(f"| {k} | {min(sizes[k]):.4f}–{max(sizes[k]):.4f} | {sum(g < -0.05 for g, _ in gaps[k])} "
              f"| {worst[0]:+.4f} ({worst[1][0]}, n = {worst[1][1]}) | {np.mean([g for g, _ in gaps[k]]):+.4f} |")


if __name__ == "__main__":
    main(sys.argv[1])
