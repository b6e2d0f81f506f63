#!/usr/bin/env python3
"""The numbers README.md, docs/results.md and docs/gof.md quote from shipped commands, checked against what
those commands print now (`check`), or rewritten from it (`write`). scripts/docs-check.sh runs the commands
and calls this; CI runs it through scripts/test.sh, so a quoted number cannot drift from the code.

    docs_numbers.py check|write OUT_DIR

OUT_DIR holds what docs-check.sh wrote: sweep.out (the quickstart sweep's stdout), report.out (its report's
stdout: the rate table), csv/ (its export), fit.json (README's reproduce-one-task fit), test.out
(docs/gof.md's worked example, `dgmoe test` stdout) and gof/test.json (its result, for the numbers gof.md's
prose quotes from it; `write` leaves that prose to be edited by hand).

What is compared, and the tolerance. Text must be equal (runs of spaces count as one). A number printed with
a decimal point may differ from the quoted one by one unit in its last printed digit: the EM kernel's sums
run over as many points at a time as the CPU's vectors hold (docs/architecture.md, "Determinism"), so two
CPUs can differ in the 15th digit, which moves a printed rounding only when it sits on a boundary. Numbers
quoted with more than 9 significant digits (README's log-likelihood) are compared to 1e-9 relative for the
same reason. Integers must be equal. Only the standard library: CI needs nothing else.
"""
import csv
import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
RESULTS = ROOT / "docs" / "results.md"
GOF = ROOT / "docs" / "gof.md"

NUMBER = re.compile(r"[-−]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
BEGIN = "<!-- docs-check: quickstart begin (scripts/docs-check.sh --write regenerates this block) -->"
END = "<!-- docs-check: quickstart end -->"
RATE_HEADER = re.compile(r"^setting\s+metric\s+slope\s+interval\s+theory\s+verdict")
REPRODUCE = re.compile(r"\(here (\d+) iterations, ℓ = (\S+), λ̂ = (\S+) in both\)")
GOF_COMMAND_END = "--x dose --y response --out /tmp/gof-example/test.json --report /tmp/gof-example/report"


def value(token):
    return float(token.replace("−", "-"))


def tolerance(token):
    """One unit in the last printed digit (0 for an integer); 1e-9 relative past 9 significant digits."""
    mantissa = re.split(r"[eE]", token)[0]
    if "." not in mantissa:
        return 0.0
    exponent = int(re.split(r"[eE]", token)[1]) if re.search(r"[eE]", token) else 0
    decimals = len(mantissa.split(".")[1])
    digits = len(mantissa.replace("−", "").replace("-", "").replace(".", "").lstrip("0"))
    unit = 10.0 ** (exponent - decimals)
    return max(unit, 1e-9 * abs(value(token))) if digits > 9 else unit


def same_line(quoted, actual):
    """Whether `actual` says what `quoted` says: equal text, numbers within the tolerance above."""
    q_text = [" ".join(t.split()) for t in NUMBER.split(quoted)]
    a_text = [" ".join(t.split()) for t in NUMBER.split(actual)]
    if q_text != a_text:
        return False
    for q, a in zip(NUMBER.findall(quoted), NUMBER.findall(actual)):
        if abs(value(q) - value(a)) > tolerance(q) + 1e-300:
            return False
    return True


def minus(x):
    """A number as the docs print it in prose (a true minus sign)."""
    return x.replace("-", "−")


# ---------------------------------------------------------------------------------------------- README
def readme_rate_block(lines):
    """(start, end) of README's excerpt of the report's rate table: the code block whose first line is the
    table's header."""
    for i, line in enumerate(lines):
        if RATE_HEADER.match(line) and lines[i - 1].startswith("```"):
            j = i + 1
            while not lines[j].startswith("```"):
                j += 1
            return i, j
    raise SystemExit("docs_numbers: README.md has no excerpt of the rate table (a code block starting with its header)")


def readme_problems(lines, report, fit, fits_row):
    problems = []
    start, end = readme_rate_block(lines)
    for line in lines[start:end]:
        if line.strip() in ("...", "") or set(line.strip()) == {"-"}:
            continue
        if not any(same_line(line, a) for a in report):
            problems.append("README.md: the rate table's line\n    " + line + "\n  is not what `dgmoe report` prints now")
    text = "\n".join(lines)
    m = REPRODUCE.search(text)
    if not m:
        problems.append("README.md: the reproduce-one-task line '(here N iterations, ℓ = …, λ̂ = … in both)' is missing")
    else:
        quoted = m.groups()
        for name, q, a in (("iterations", quoted[0], str(fit["iterations"])),
                           ("ℓ", quoted[1], repr(fit["logLikelihood"])),
                           ("λ̂", quoted[2], repr(fit["lambda"]))):
            if not same_line(q, a):
                problems.append("README.md: the reproduced task's " + name + " is quoted as " + q + ", fit.json has " + a)
        if int(fits_row["iterations"]) != fit["iterations"] or value(fits_row["log_likelihood"]) != fit["logLikelihood"]:
            problems.append("README.md: fit.json and the sweep's fits/ row differ (iterations " + fits_row["iterations"]
                            + " / " + str(fit["iterations"]) + ", ℓ " + fits_row["log_likelihood"] + " / "
                            + repr(fit["logLikelihood"]) + "): the line says 'in both'")
    return problems


def readme_rewritten(lines, report, fit):
    start, end = readme_rate_block(lines)
    out = list(lines)
    footnotes = [a for a in report if re.match(r"^\[\d+\] ", a)]
    rows = {tuple(a.split()[:2]): a for a in report if len(a.split()) > 2 and not a.startswith("[")}
    for i in range(start, end):
        line = out[i]
        if re.match(r"^\[\d+\] ", line):
            out[i] = None
        elif len(line.split()) > 2 and tuple(line.split()[:2]) in rows:
            out[i] = rows[tuple(line.split()[:2])]
    kept = [x for x in out[start:end] if x is not None]
    out = out[:start] + kept + footnotes + out[end:]
    text = "\n".join(out)
    text = REPRODUCE.sub("(here %d iterations, ℓ = %s, λ̂ = %s in both)" % (
        fit["iterations"], minus(repr(fit["logLikelihood"])), minus(repr(fit["lambda"]))), text)
    return text.split("\n")


# ---------------------------------------------------------------------------------------------- results.md
def fmt(x, digits=3):
    return "NaN" if math.isnan(x) else minus("%.*f" % (digits, x))


def quickstart_block(sweep_out, rates, fits):
    summary = [line for line in sweep_out if line.startswith("sweep: wrote ")]
    if len(summary) != 1:
        raise SystemExit("docs_numbers: sweep.out has no 'sweep: wrote' summary line")
    counts = re.sub(r"^sweep: wrote \S+: ", "", summary[0])
    lines = [BEGIN, "",
             "    bin/dgmoe sweep conf/quickstart.conf --out /tmp/qs && bin/dgmoe export --in /tmp/qs --out /tmp/qs-csv",
             "",
             "The sweep's summary line, as it prints it: `" + counts + "`.", ""]
    for setting in sorted({r["setting"] for r in fits}):
        rows = [r for r in fits if r["setting"] == setting]
        converged = sum(r["status"] == "converged" for r in rows)
        spurious = sum(r["spurious"] == "TRUE" for r in rows)
        evaluations = sum(int(r["em_evaluations"]) for r in rows) / len(rows)
        lines.append("- `%s`: %d fits, %d converged, %d spurious (a near-degenerate component), mean EM-map "
                     "evaluations %.1f." % (setting, len(rows), converged, spurious, evaluations))
    lines += [""] + rate_table(rates) + ["", END]
    return lines


def rate_table(rates):
    """An exported rates.csv as the markdown table docs/results.md prints (scripts/results_blocks.py's
    sections too): slopes, intervals and exponents to 3 decimals, a missing one (no theory) NaN."""
    lines = ["| setting | metric | layout | slope | 95% interval | theory | verdict | flag | reason |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rates:
        lines.append("| %s | `%s` | %s | %s | [%s, %s] | %s | %s | %s | %s |" % (
            r["setting"], r["metric"], r.get("layout") or "all", fmt(number(r["slope"])), fmt(number(r["ci_low"])),
            fmt(number(r["ci_high"])), fmt(number(r["theory"])), r["verdict"], r["flag"], r.get("reason") or ""))
    return lines


def number(field):
    """A CSV field of dgmoe export as a float: an empty field (null, e.g. no theory) is NaN."""
    return math.nan if field == "" else value(field)


def block_span(lines, path):
    try:
        return lines.index(BEGIN), lines.index(END)
    except ValueError:
        raise SystemExit("docs_numbers: " + str(path) + " has no '" + BEGIN + "' ... '" + END + "' block")


def compare_blocks(quoted, actual, where):
    if len(quoted) != len(actual):
        return [where + ": the block has " + str(len(quoted)) + " lines, the commands give " + str(len(actual))
                + "; run scripts/docs-check.sh --write"]
    return [where + ": the line\n    " + q + "\n  is now\n    " + a for q, a in zip(quoted, actual) if not same_line(q, a)]


# ---------------------------------------------------------------------------------------------- gof.md
def gof_output_block(lines):
    """(start, end) of the code block after the worked example's command: what `dgmoe test` prints."""
    for i, line in enumerate(lines):
        if line.strip().endswith(GOF_COMMAND_END):
            j = i
            while not lines[j].startswith("```"):
                j += 1
            k = j + 1
            while not lines[k].startswith("```"):
                k += 1
            m = k + 1
            while not lines[m].startswith("```"):
                m += 1
            return k + 1, m
    raise SystemExit("docs_numbers: docs/gof.md has no worked example ending '" + GOF_COMMAND_END + "'")


def gof_prose_problems(gof_lines, test):
    """The numbers docs/gof.md's prose after the worked example quotes from its test.json."""
    text = " ".join(" ".join(gof_lines).split())
    nulls = sorted(test["nullStatistics"])
    # the 95th percentile by the nearest rank: the ceil(0.95 B)-th smallest
    q95 = nulls[math.ceil(0.95 * len(nulls)) - 1]
    expert = test["alternative"]["experts"][0]
    bound = test["lambdaLowerBound"]
    claims = [
        (r"the largest of the (\d+) null T\* was (\S+), their 95th percentile (\S+)\)",
         [len(nulls), max(nulls), q95]),
        (r"λ̂ = (\S+) \(12% of the data set came from it\), an expert (\S+) − (\S+)·dose with variance (\S+) ",
         [test["lambda"], expert["intercept"], -expert["slope"][0], expert["variance"]]),
        (r"(\d+)/(\d+) = (\S+)% against λ̂ = (\S+):",
         [round(bound["value"] * bound["grid"]), bound["grid"], 100 * bound["value"], test["lambda"]]),
    ]
    problems = []
    for pattern, actual in claims:
        m = re.search(pattern, text)
        if not m:
            problems.append("docs/gof.md: the worked example's prose no longer says '" + pattern + "'")
            continue
        for quoted, a in zip(m.groups(), actual):
            if not same_line(quoted.rstrip(".,;:)"), repr(a)):
                problems.append("docs/gof.md: the worked example's prose quotes " + quoted + ", test.json has " + repr(a))
    return problems


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("check", "write"):
        raise SystemExit(__doc__)
    mode, out = sys.argv[1], Path(sys.argv[2])
    report = [x.rstrip("\n") for x in (out / "report.out").read_text().splitlines()]
    sweep_out = (out / "sweep.out").read_text().splitlines()
    with open(out / "csv" / "rates.csv", newline="") as f:
        rates = list(csv.DictReader(f))
    with open(out / "csv" / "fits.csv", newline="") as f:
        fits = list(csv.DictReader(f))
    fit = json.loads((out / "fit.json").read_text())
    test_out = [x for x in (out / "test.out").read_text().splitlines() if not x.startswith("WARNING: Using incubator")]
    fits_row = next(r for r in fits if r["setting"] == "over-fit" and r["n"] == "1069" and r["replicate"] == "3")

    readme = README.read_text().split("\n")
    results = RESULTS.read_text().split("\n")
    gof = GOF.read_text().split("\n")
    block = quickstart_block(sweep_out, rates, fits)
    rs, re_ = block_span(results, RESULTS)
    gs, ge = gof_output_block(gof)
    if mode == "write":
        README.write_text("\n".join(readme_rewritten(readme, report, fit)))
        RESULTS.write_text("\n".join(results[:rs] + block + results[re_ + 1:]))
        GOF.write_text("\n".join(gof[:gs] + test_out + gof[ge:]))
        print("docs_numbers: rewrote README.md, docs/results.md and docs/gof.md from " + str(out))
        return
    problems = readme_problems(readme, report, fit, fits_row)
    problems += compare_blocks(results[rs:re_ + 1], block, "docs/results.md (quickstart block)")
    problems += compare_blocks(gof[gs:ge], test_out, "docs/gof.md (worked example's output)")
    problems += gof_prose_problems(gof[ge:ge + 20], json.loads((out / "gof" / "test.json").read_text()))
    if problems:
        print("docs_numbers: " + str(len(problems)) + " quoted numbers or lines differ from what the commands print "
              "now (scripts/docs-check.sh --write rewrites them; then read the prose around them):", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        sys.exit(1)
    print("docs_numbers: README.md, docs/results.md and docs/gof.md quote what the commands print (" + str(out) + ")")


if __name__ == "__main__":
    main()
