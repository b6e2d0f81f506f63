#!/usr/bin/env python3
"""Reads a `dgmoe export` folder with nothing but Python's standard csv module and checks it.

usage: scripts/check-export.py DIR2 [--fits N]

For fits.csv, curves.csv and rates.csv, and tests.csv, power.csv and nulls.csv when present (a
sweep with goodness-of-fit test blocks): the file is UTF-8 with \\n line ends, the header holds the
table's identity columns (and, for fits, the per-element list columns weight_k, intercept_k,
variance_k, slope_k_j), every record has as many fields as the header, and every numeric field
parses with float() (NaN, Inf and -Inf included). Prints the row counts; with --fits N, fails unless
fits.csv has N rows. Exit status 0 when every check passes, 1 otherwise.
"""
import csv
import json
import os
import re
import sys

REQUIRED = {
    "fits.csv": ["study", "setting", "n", "replicate", "seed", "status", "weight_1", "intercept_1",
                 "variance_1", "slope_1_1"],
    "curves.csv": ["setting", "metric", "n", "count", "failed", "mean", "median", "sd", "q10", "q90"],
    "rates.csv": ["setting", "metric", "slope", "intercept", "ci_low", "ci_high", "theory", "verdict"],
}
# The goodness-of-fit tables (docs/gof.md), written only by a sweep with test blocks: their headers
# hold every column of the table's codec; the columns listed as numeric must parse with float().
OPTIONAL = {
    "tests.csv": ["study", "setting", "n", "replicate", "seed", "statistic", "null_log_likelihood", "p_value",
                  "exceedances", "bootstrap", "lambda_hat", "lambda_zero_won", "fit_failed", "ks_statistic",
                  "ks_p_value", "cvm_statistic", "cvm_p_value", "ad_statistic", "ad_p_value", "failed_null_fits",
                  "hc_statistic", "hc_p_value", "bj_statistic", "bj_p_value", "smooth_statistic", "smooth_p_value",
                  "supscore_statistic", "supscore_p_value", "combined_statistic", "combined_p_value",
                  "combined_analytic_p_value", "minp_statistic", "minp_p_value"],
    "power.csv": ["setting", "n", "test", "alpha", "lambda_true", "lambda_mean", "replicates", "rejections", "rate",
                  "ci_low", "ci_high", "bootstrap", "conditional_size_se", "band_low", "band_high", "size_verdict"],
    "nulls.csv": ["setting", "n", "index", "key", "statistic", "failed", "lambda_hat", "status", "ks_statistic",
                  "ks_p_value", "cvm_statistic", "ad_statistic", "hc_statistic", "bj_statistic", "smooth_statistic",
                  "smooth_dimension", "supscore_statistic"],
}
NOT_NUMERIC = {"study", "setting", "seed", "key", "lambda_zero_won", "fit_failed", "test", "size_verdict", "failed",
               "status"}
NUMERIC = re.compile(r"^(weight|intercept|variance)_\d+$|^slope_\d+_\d+$|^(n|replicate|count|failed|mean|median|sd|"
                     r"q10|q90|ci_low|ci_high|theory|log_likelihood|lambda_hat)$")


def check(folder, expected_fits):
    problems = []
    counts = {}
    tables = dict(REQUIRED)
    tables.update({n: c for n, c in OPTIONAL.items() if os.path.exists(os.path.join(folder, n))})
    for name, required in tables.items():
        path = os.path.join(folder, name)
        with open(path, "rb") as f:
            raw = f.read()
        if b"\r" in raw.replace(b'"\r', b"").replace(b'\r"', b""):
            problems.append(f"{name}: has CR line ends")
        raw.decode("utf-8")
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader)
            missing = [c for c in required if c not in header]
            if missing:
                problems.append(f"{name}: header lacks {missing}")
            if len(set(header)) != len(header):
                problems.append(f"{name}: duplicate column names")
            if name in OPTIONAL:
                numeric = [i for i, c in enumerate(header) if c not in NOT_NUMERIC]
            else:
                numeric = [i for i, c in enumerate(header) if NUMERIC.match(c) and name != "rates.csv" or
                           (name == "rates.csv" and c in ("slope", "intercept", "ci_low", "ci_high", "theory"))]
            rows = 0
            for record in reader:
                rows += 1
                if len(record) != len(header):
                    problems.append(f"{name}: record {rows} has {len(record)} fields, the header {len(header)}")
                    continue
                for i in numeric:
                    if record[i] != "":
                        try:
                            float(record[i])
                        except ValueError:
                            problems.append(f"{name}: record {rows} column {header[i]}: {record[i]!r} is not a number")
            counts[name] = rows
    with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
        json.load(f)
    if expected_fits is not None and counts.get("fits.csv") != expected_fits:
        problems.append(f"fits.csv: {counts.get('fits.csv')} rows, expected {expected_fits}")
    return counts, problems


def main(argv):
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--fits"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    counts, problems = check(argv[1], int(argv[3]) if len(argv) == 4 else None)
    for name, rows in counts.items():
        print(f"{name}: {rows} rows")
    for p in problems:
        print("check-export: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
