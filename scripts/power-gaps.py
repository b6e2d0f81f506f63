#!/usr/bin/env python3
"""The power table of a goodness-of-fit sweep's export, as docs/results.md prints it: per (setting, n) at one alpha,
every test's rejection rate, the best single component (chosen after the fact), and each combination's gap to it.

usage: python3 scripts/power-gaps.py EXPORT_DIR [ALPHA]

EXPORT_DIR is `bin/dgmoe export` of a sweep with test blocks (its power.csv); ALPHA defaults to 0.05. Prints a
markdown table (the lambda* = 0 rows are sizes, no gap), then one line per combination: the deviated cells where it
is more than 0.05 below the best single component, its worst gap and its mean gap; then the size range of each test
over the lambda* = 0 cells; then the combined test's size verdicts at every alpha of power.csv: how many fall
outside power/'s 95% band alpha +- 1.96 sd (sd^2 = alpha(1 - alpha)(1/R + 1/B), the band of each cell alone), how
many the 5% of such a band predicts, and how many fall outside the Bonferroni band over all of them, alpha +- z sd
with z = Phi^-1(1 - 0.025/m) for m verdicts (the band that holds all m at once with probability at least 95%: an
exact test's sizes fall outside a band of each cell alone in about 5% of cells). Standard library only.
"""
import collections
import csv
import statistics
import sys

COMBINATIONS = ("combined", "minp")


def main(folder, alpha):
    cells = collections.OrderedDict()
    tests = []
    with open(folder + "/power.csv") as f:
        for r in csv.DictReader(f):
            if float(r["alpha"]) != alpha:
                continue
            # lambda_true is NaN for a deviation local in x (its lambda_mean is its average weight): not a key
            cell = cells.setdefault((r["setting"], int(r["n"])), {"lambda": float(r["lambda_true"])})
            cell[r["test"]] = float(r["rate"])
            if r["test"] not in tests:
                tests.append(r["test"])
    components = [t for t in tests if t not in COMBINATIONS]
    print("| setting | n | " + " | ".join(tests) + " | best single | "
          + " | ".join(c + " − best" for c in COMBINATIONS) + " |")
    print("|---|---|" + "---|" * (len(tests) + 1 + len(COMBINATIONS)))
    gaps = {c: [] for c in COMBINATIONS}
    sizes = {t: [] for t in tests}
    for (setting, n), rates in cells.items():
        lam = rates["lambda"]
        best = max(components, key=lambda t: rates[t])
        row = f"| {setting} | {n} | " + " | ".join(f"{rates[t]:.4f}" for t in tests)
        if lam == 0:
            for t in tests:
                sizes[t].append(rates[t])
            print(row + " | (size) |" + " |" * len(COMBINATIONS))
            continue
        cells_gap = []
        for c in COMBINATIONS:
            gap = rates[c] - rates[best]
            gaps[c].append((gap, setting, n))
            cells_gap.append(f"{gap:+.4f}")
        print(row + f" | {best} {rates[best]:.4f} | " + " | ".join(cells_gap) + " |")
    print()
    for c in COMBINATIONS:
        worst = min(gaps[c])
        below = sum(1 for g, _, _ in gaps[c] if g < -0.05)
        mean = sum(g for g, _, _ in gaps[c]) / len(gaps[c])
        print(f"{c}: {below} of {len(gaps[c])} deviated cells more than 0.05 below the best single; worst "
              f"{worst[0]:+.4f} ({worst[1]}, n = {worst[2]}); mean gap {mean:+.4f}")
    print("size at " + str(alpha) + " over the lambda* = 0 cells (min–max): "
          + ", ".join(f"{t} {min(v):.4f}–{max(v):.4f}" for t, v in sizes.items() if v))
    size_verdicts(folder, "combined")


def size_verdicts(folder, test):
    verdicts = []
    with open(folder + "/power.csv") as f:
        for r in csv.DictReader(f):
            if r["test"] == test and float(r["lambda_true"]) == 0:
                a = float(r["alpha"])
                verdicts.append((r["setting"], int(r["n"]), a, float(r["rate"]), (float(r["band_high"]) - a) / 1.96,
                                 r["size_verdict"]))
    m = len(verdicts)
    if m == 0:
        return
    z = statistics.NormalDist().inv_cdf(1 - 0.025 / m)
    outside = [v for v in verdicts if v[5] != "within"]
    joint = [v for v in verdicts if abs(v[3] - v[2]) > z * v[4]]
    print(f"{test} size verdicts: {len(outside)} of {m} outside the 95% band of each cell (about {0.05 * m:.1f} "
          f"expected){': ' if outside else ''}"
          + "; ".join(f"{s} n = {n} alpha = {a}: {rate:.4f} ({v})" for s, n, a, rate, _, v in outside)
          + f"; {len(joint)} outside the Bonferroni band over all {m} (z = {z:.3f})"
          + "".join(f"; {s} n = {n} alpha = {a}: {rate:.4f}" for s, n, a, rate, _, _ in joint))


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 0.05)
