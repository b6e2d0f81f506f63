#!/usr/bin/env python3
"""The combined test with and without the component p-values truncated at 1/2, offline, on a sweep's export.

usage: python3 scripts/cauchy-truncation.py EXPORT_DIR

EXPORT_DIR is `bin/dgmoe export` of a sweep with the goodness-of-fit test (its tests.csv and nulls.csv).
Per replicate, the exact rank-calibrated p-value (docs/gof.md, "The combined test") of
  (a) C = sum_k tan((1/2 - p_k) pi) / 8, `combined` (core Combination) while it combined eight components with equal
      weights (an export written since the grid likelihood ratio fails the check below: scripts/gridlr-weights.py), and
  (b) C' = sum_k tan((1/2 - min(p_k, 1/2)) pi) / 8, each component's p-value truncated at 1/2 (a component with no
      evidence against H0 adds 0 instead of a negative term that reaches about -2e15 at p = 1),
each computed for the observed set and for every null set j with p_kj = (1 + #{i != j : S_ki >= S_kj}) / (B + 1)
(the other B - 1 null sets and the observed one; KS: the exact p-value of set j's own D), then
p = (1 + #{j >= 1 : C_j >= C_0}) / (B + 1). Both are exact: C' is one fixed function of each set's p-values,
which is all docs/gof.md's proof uses. The threshold 1/2 is fixed in advance (where tan changes sign); no other
is tried here, so that nothing is tuned on the data read.

First checks that (a) reproduces the export's combined p-value of every replicate exactly, and min-p its minp
p-value (a tests.csv written before the layout change of docs/gof.md names them cauchy_p_value and
combined_p_value), and fails (exit 1) otherwise. Then prints, at alpha = 0.05, the size of (a) and (b) per
lambda* = 0 cell against the 95% band, and a markdown table of power per deviated cell: (a), (b), the best
single component (chosen after the fact) and the gaps, with the replicates only (a) or only (b) rejects.
numpy only; about 15 s for 12 000 replicates with B = 3 999.
"""
import collections
import csv
import math
import sys

import numpy as np

ORDER = ["lrt", "ks", "cvm", "ad", "hc", "bj", "smooth", "supscore"]
NULL_COLUMN = {"lrt": "statistic", "ks": "ks_p_value"}
OBSERVED_P = {"lrt": "p_value"}
ALPHA = 0.05


def null_column(k):
    return NULL_COLUMN.get(k, k + "_statistic")


def observed_statistic(k):
    return "statistic" if k == "lrt" else k + "_statistic"


def observed_p(k):
    return OBSERVED_P.get(k, k + "_p_value")


def read_nulls(path, order=ORDER):
    """Per (setting, n): per component of `order` the B null statistics (KS: p-values) and #{i : S*_i >= S*_j}."""
    rows = collections.defaultdict(list)
    with open(path) as f:
        for r in csv.DictReader(f):
            rows[(r["setting"], int(r["n"]))].append(r)
    nulls = {}
    for key, rs in rows.items():
        rs.sort(key=lambda r: int(r["index"]))
        d = {}
        for k in order:
            v = np.array([float(r[null_column(k)]) for r in rs])
            # null set j's count of null sets at least as large, itself included (NullSample.atLeast)
            at_least = None if k == "ks" else len(v) - np.searchsorted(np.sort(v), v, side="left")
            d[k] = (v, at_least)
        nulls[key] = d
    return nulls


def combine(r, d):
    """(p of (a), p of (b), p of min-p, observed p-values) of one replicate r against its null sample d."""
    b = len(d["lrt"][0])
    c_a, c_b, m = np.zeros(b), np.zeros(b), np.full(b, np.inf)
    c0_a = c0_b = 0.0
    m0 = math.inf
    ps = {}
    for k in ORDER:
        p0 = float(r[observed_p(k)])
        ps[k] = p0
        v, at_least = d[k]
        if k == "ks":
            p = v
        else:
            p = (1.0 + (at_least - 1 + (float(r[observed_statistic(k)]) >= v))) / (b + 1.0)
        c0_a += (1.0 / 8) * math.tan((0.5 - p0) * math.pi)
        c0_b += (1.0 / 8) * math.tan((0.5 - min(p0, 0.5)) * math.pi)
        c_a += (1.0 / 8) * np.tan((0.5 - p) * np.pi)
        c_b += (1.0 / 8) * np.tan((0.5 - np.minimum(p, 0.5)) * np.pi)
        m = np.minimum(m, p)
        m0 = min(m0, p0)
    p_a = (1.0 + np.count_nonzero(c_a >= c0_a)) / (b + 1.0)
    p_b = (1.0 + np.count_nonzero(c_b >= c0_b)) / (b + 1.0)
    p_m = (1.0 + np.count_nonzero(m <= m0)) / (b + 1.0)
    return p_a, p_b, p_m, ps, b


def main(folder):
    nulls = read_nulls(folder + "/nulls.csv")
    cells = collections.defaultdict(list)
    mismatches = 0
    with open(folder + "/tests.csv") as f:
        reader = csv.DictReader(f)
        old_layout = "cauchy_p_value" in reader.fieldnames
        combined_column = "cauchy_p_value" if old_layout else "combined_p_value"
        minp_column = "combined_p_value" if old_layout else "minp_p_value"
        for r in reader:
            p_a, p_b, p_m, ps, b = combine(r, nulls[(r["setting"], int(r["n"]))])
            if p_a != float(r[combined_column]) or p_m != float(r[minp_column]):
                mismatches += 1
            cells[(r["setting"], int(r["n"]))].append((p_a, p_b, ps))
    total = sum(len(v) for v in cells.values())
    print(f"{total} replicates; (a) and min-p differ from the export in {mismatches}")
    if mismatches:
        sys.exit(1)

    def order(key):
        family, strength = key[0].rsplit("-", 1)
        return family, float(strength), key[1]

    for key in sorted(cells, key=order):
        rows = cells[key]
        size_a = np.mean([a <= ALPHA for a, _, _ in rows])
        size_b = np.mean([bb <= ALPHA for _, bb, _ in rows])
        if order(key)[1] == 0:
            r_count = len(rows)
            half = 1.96 * math.sqrt(ALPHA * (1 - ALPHA) * (1 / r_count + 1 / b))
            print(f"size {key[0]} n = {key[1]}: (a) {size_a:.4f} (b) {size_b:.4f}, band "
                  f"[{ALPHA - half:.4f}, {ALPHA + half:.4f}]")
    print("| setting | n | (a) combined | (b) truncated at 1/2 | best single | (a) − best | (b) − best "
          "| only (a) rejects | only (b) rejects |")
    print("|---|---|---|---|---|---|---|---|---|")
    for key in sorted(cells, key=order):
        if order(key)[1] == 0:
            continue
        rows = cells[key]
        power = {k: np.mean([ps[k] <= ALPHA for _, _, ps in rows]) for k in ORDER}
        best = max(ORDER, key=lambda k: power[k])
        pa = np.mean([a <= ALPHA for a, _, _ in rows])
        pb = np.mean([bb <= ALPHA for _, bb, _ in rows])
        only_a = sum(1 for a, bb, _ in rows if a <= ALPHA < bb)
        only_b = sum(1 for a, bb, _ in rows if bb <= ALPHA < a)
        print(f"| {key[0]} | {key[1]} | {pa:.4f} | {pb:.4f} | {best} {power[best]:.4f} | {pa - power[best]:+.4f} "
              f"| {pb - power[best]:+.4f} | {only_a} | {only_b} |")


if __name__ == "__main__":
    main(sys.argv[1])
