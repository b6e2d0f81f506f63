#!/usr/bin/env python3
"""The power table of a goodness-of-fit sweep's export, as docs/results.md prints it: per (setting, n) at one alpha,
every test's rejection rate, the best single component (chosen after the fact), and each combination's gap to it.

usage: python3 scripts/power-gaps.py EXPORT_DIR [ALPHA]

EXPORT_DIR is `bin/dgmoe export` of a sweep with test blocks (its power.csv); ALPHA defaults to 0.05. Prints a
markdown table (the lambda* = 0 rows are sizes, no gap), then one line per combination: the deviated cells where it
is more than 0.05 below the best single component, its worst gap and its mean gap; then the size range of each test
over the lambda* = 0 cells. Standard library only.
"""
import collections
import csv
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


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 0.05)
