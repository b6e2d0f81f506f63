#!/usr/bin/env python3
"""Near-degenerate components in a sweep's fits, and how they shape the weighted cell errors.

Usage:
  bin/dgmoe export --in DIR --out DIR-csv
  python3 scripts/near-degeneracy.py DIR-csv/fits.csv [SETTING=REFERENCE_VARIANCE ...]

Per setting and n: the fits, the spurious ones (NearDegeneracy: fewer than 10 carried points or a
smallest variance below 0.2 of the truth's smallest), and the mean of each over-fitted-cell error and
aggregate loss over the spurious and the other fits, converged fits only (the ones the curves use).
Then the distribution of the smallest variance ratio and of the carried points over all fits.

A fits.csv written before fits/ had min_weight, min_points, min_variance_ratio and spurious is read
too: the diagnostics are then recomputed from the fitted parameters exactly as NearDegeneracy.of does
(min weight * lambda_hat * n; min variance / reference), with the reference variance of each setting
(the truth's smallest variance) given as SETTING=VALUE.
"""
import csv
import math
import sys
from collections import defaultdict

MIN_POINTS = 10.0
MIN_VARIANCE_RATIO = 0.2
METRICS = ["cell1_slope", "cell1_intercept", "cell1_variance", "cell1_mass", "voronoi",
           "generalized_wasserstein", "hellinger"]


def diagnostics(row, references):
    if row.get("min_variance_ratio"):
        return (float(row["min_weight"]), float(row["min_points"]), float(row["min_variance_ratio"]),
                row["spurious"].lower() == "true")
    weights = [float(v) for k, v in row.items() if k.startswith("weight_") and v]
    variances = [float(v) for k, v in row.items() if k.startswith("variance_") and v]
    ref = references[row["setting"]]
    w = min(weights)
    points = w * float(row["lambda_hat"]) * int(row["n"])
    ratio = min(variances) / ref
    return w, points, ratio, points < MIN_POINTS or ratio < MIN_VARIANCE_RATIO


def mean(xs):
    return sum(xs) / len(xs) if xs else float("nan")


def main():
    path = sys.argv[1]
    references = {}
    for a in sys.argv[2:]:
        k, v = a.split("=")
        references[k] = float(v)
    rows = list(csv.DictReader(open(path)))
    by = defaultdict(list)
    for r in rows:
        w, points, ratio, spurious = diagnostics(r, references)
        r["_w"], r["_points"], r["_ratio"], r["_spurious"] = w, points, ratio, spurious
        by[(r["setting"], int(r["n"]))].append(r)
    metrics = [m for m in METRICS if m in rows[0]]
    print("setting n fits spurious(all) | converged: spurious/other | " + " | ".join(
        m + " spurious/other (ratio)" for m in metrics))
    for (setting, n) in sorted(by):
        fits = by[(setting, n)]
        conv = [r for r in fits if r["status"] == "converged"]
        sp = [r for r in conv if r["_spurious"]]
        ot = [r for r in conv if not r["_spurious"]]
        cells = []
        for m in metrics:
            a = mean([float(r[m]) for r in sp if r[m]])
            b = mean([float(r[m]) for r in ot if r[m]])
            cells.append("%.4g/%.4g (%s)" % (a, b, "%.1f" % (a / b) if sp and b > 0 else "-"))
        print("%s %d %d %d | %d/%d | %s" % (setting, n, len(fits), sum(r["_spurious"] for r in fits), len(sp),
                                             len(ot), " | ".join(cells)))
    # share of the converged fits' summed error carried by spurious fits, per setting (all n pooled)
    print("\nshare of the summed error (converged fits) carried by the spurious ones, per setting:")
    for setting in sorted({s for s, _ in by}):
        conv = [r for (s, _), fs in by.items() if s == setting for r in fs if r["status"] == "converged"]
        share = []
        for m in metrics:
            tot = sum(float(r[m]) for r in conv if r[m])
            spu = sum(float(r[m]) for r in conv if r[m] and r["_spurious"])
            share.append("%s %.2f" % (m, spu / tot if tot > 0 else float("nan")))
        print("  %s (%d of %d spurious): %s" % (setting, sum(r["_spurious"] for r in conv), len(conv),
                                                 ", ".join(share)))
    print("\nsmallest variance ratio, sorted (all fits):")
    for setting in sorted({s for s, _ in by}):
        ratios = sorted(r["_ratio"] for (s, _), fs in by.items() if s == setting for r in fs)
        print("  %s: %s" % (setting, " ".join("%.3g" % x for x in ratios)))
    print("\ncarried points of the smallest component, sorted (all fits):")
    for setting in sorted({s for s, _ in by}):
        pts = sorted(r["_points"] for (s, _), fs in by.items() if s == setting for r in fs)
        print("  %s: %s" % (setting, " ".join("%.3g" % x for x in pts)))


if __name__ == "__main__":
    main()
