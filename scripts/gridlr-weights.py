#!/usr/bin/env python3
"""The combined test with other weights on the grid likelihood ratio, offline, on sweeps' exports.

usage: python3 scripts/gridlr-weights.py EXPORT_DIR...

Each EXPORT_DIR is `bin/dgmoe export` of a sweep with the goodness-of-fit test and its nine components (tests.csv with
gridlr_p_value, nulls.csv with gridlr_statistic). For every replicate, the Cauchy sum C_w = w tan((1/2 - p_gridlr) pi)
+ sum over the other eight of ((1 - w)/8) tan((1/2 - p_k) pi) is calibrated exactly by its rank among the null sets'
(each null set's component p-values against the other B sets; docs/gof.md, "The combined test"), for w in WEIGHTS;
w = 3/4 is `combined` (core Combination; 1/2 until stop 37), which the script first reproduces exactly for every replicate (exit 1
otherwise). Prints per export and weight: the deviated cells more than 0.05 below the best single component at
alpha = 0.05 (the best chosen after the fact), the worst gap and its cell, the mean gap, and the lambda* = 0 cells
whose size at 0.05 is outside the 95% band alpha +- 1.96 sqrt(alpha(1 - alpha)(1/R + 1/B)). numpy only; about a
minute per export of 12 000 replicates with B = 3 999.
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

ORDER = ["lrt", "ks", "cvm", "ad", "hc", "bj", "smooth", "supscore", "gridlr"]
WEIGHTS = [0.5, 0.6, 2 / 3, 0.75, 0.9]
# the weight of core Combination, which the script reproduces first
COMBINED = 0.75
ALPHA = 0.05


def weight_vector(w):
    return np.array([(1 - w) / 8] * 8 + [w])


def main(folders):
    vectors = {w: weight_vector(w) for w in WEIGHTS}
    for folder in folders:
        nulls = ct.read_nulls(folder + "/nulls.csv", ORDER)
        cells = collections.defaultdict(list)
        with open(folder + "/tests.csv") as f:
            for r in csv.DictReader(f):
                d = nulls[(r["setting"], int(r["n"]))]
                b = len(d["lrt"][0])
                t0 = np.zeros(len(ORDER))
                t = np.zeros((len(ORDER), b))
                ps = np.zeros(len(ORDER))
                for i, k in enumerate(ORDER):
                    ps[i] = float(r[ct.observed_p(k)])
                    v, at_least = d[k]
                    p = v if k == "ks" else (at_least + (float(r[ct.observed_statistic(k)]) >= v)) / (b + 1.0)
                    t0[i] = math.tan((0.5 - ps[i]) * math.pi)
                    t[i] = np.tan((0.5 - p) * np.pi)
                out = {}
                for w, vec in vectors.items():
                    # the products in Combination's order: component by component, weight times tangent
                    c0 = 0.0
                    c = np.zeros(b)
                    for i in range(len(ORDER)):
                        c0 += vec[i] * t0[i]
                        c += vec[i] * t[i]
                    out[w] = (1 + np.count_nonzero(c >= c0)) / (b + 1.0)
                if out[COMBINED] != float(r["combined_p_value"]):
                    print(f"{folder}: w = 3/4 gives {out[COMBINED]!r}, the export's combined {r['combined_p_value']} "
                          f"({r['setting']}, n = {r['n']}, replicate {r['replicate']})", file=sys.stderr)
                    sys.exit(1)
                cells[(r["setting"], int(r["n"]))].append((out, ps, b))
        print(f"{folder}: combined (w = 3/4) reproduced for all replicates")
        for w in WEIGHTS:
            gaps, off = [], []
            for (setting, n), rows in cells.items():
                r_count, b = len(rows), rows[0][2]
                power = np.mean([o[w] <= ALPHA for o, _, _ in rows])
                if setting.endswith("-0"):
                    half = 1.96 * math.sqrt(ALPHA * (1 - ALPHA) * (1 / r_count + 1 / b))
                    if abs(power - ALPHA) > half:
                        off.append(f"{setting} n = {n}: {power:.4f}")
                    continue
                single = np.mean(np.array([p for _, p, _ in rows]) <= ALPHA, axis=0)
                gaps.append((power - single.max(), setting, n))
            worst = min(gaps)
            print(f"  w = {w:.3f}: {sum(g < -0.05 for g, _, _ in gaps)} of {len(gaps)} cells below by more than 0.05; "
                  f"worst {worst[0]:+.4f} ({worst[1]}, n = {worst[2]}); mean {np.mean([g for g, _, _ in gaps]):+.4f}; "
                  f"sizes outside the band: {', '.join(off) if off else 'none'}")


if __name__ == "__main__":
    main(sys.argv[1:])
