#!/usr/bin/env python3
"""The generated blocks of docs/results.md's study sections, regenerated from a study's export or checked
against it. scripts/results.sh is its command line (its header has the usage); scripts/docs-check.sh runs
`results.sh --ci`, so CI checks every block.

Each section of SECTIONS names its study (a conf file and --set overrides), what its block shows (the
rate table of rates.csv, or the coverage table of coverage.csv) and whether CI reruns it:

- `ci = True` (the study runs in about a minute on 2 cores or less): docs-check reruns it and the block
  must be what the rerun gives;
- `ci = False` (expensive): the block is "a record of commit X". Its numbers are kept in the repository,
  docs/results-data/NAME.csv (the exported rows, every digit, with the study's command, commit and date in
  its `#` header lines), and CI checks the block against that file, so the prose cannot drift from the
  data and the data says which commit and command made it.

`results.sh NAME` reruns a section's study (or reads an output folder or export with --from DIR), writes
docs/results-data/NAME.csv and rewrites the block in docs/results.md between its markers, the convention
of docs-check's quickstart block:

    <!-- docs-check: NAME begin (scripts/results.sh NAME regenerates this block) -->
    ...
    <!-- docs-check: NAME end -->

Tolerance (docs_numbers.same_line, the same rule as the quickstart block): text equal, a number within
one unit of its last printed digit, 1e-9 relative past 9 significant digits; integers exact. Only the
standard library.
"""
import csv
import io
import json
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docs_numbers import RESULTS, ROOT, compare_blocks, fmt, number, rate_table

DATA = ROOT / "docs" / "results-data"

GATED_SIZE = "size={label=small, replicates=%d, sample-sizes={min=500, max=20000, count=6, spacing=log}}"

# name -> the study (conf, --set overrides; `study` and `replicates` what its manifest must say, so that --from
# cannot read another study or size) and its block's table: `rates` (rates.csv), `coverage` (coverage.csv row by
# row) or `coverage-pivot` (coverage.csv as coverage.conf's tables). `ci`: docs-check reruns it (about a minute
# or less on 2 cores); `cost`: what its runs took here (docs/results.md's table), for `--list`.
SECTIONS = {
    "issue24-random-starts": dict(
        conf="conf/studies/issue24-random-starts.conf", sets=[],
        study="issue24-random-starts", replicates=40, table="rates", ci=True, cost="600 fits, 10 s of tasks"),
    "distinguishable-exact": dict(
        conf="conf/studies/distinguishable-exact.conf", sets=[],
        study="distinguishable-exact-medium", replicates=24, table="rates", ci=True, cost="672 fits, 26 s"),
    "gaussian-gated": dict(
        conf="conf/studies/gaussian-gated.conf", sets=[GATED_SIZE % 24],
        study="gaussian-gated-small", replicates=24, table="rates", ci=True, cost="288 fits, 52 s of tasks"),
    "wald-coverage": dict(
        conf="conf/studies/wald-coverage.conf", sets=[],
        study="wald-coverage", replicates=400, table="coverage", ci=False, cost="400 fits, 61 s of tasks and 11 s to assemble (over CI's minute)"),
    "dimension-16": dict(
        conf="conf/studies/dimension-16.conf", sets=[],
        study="dimension-16", replicates=10, table="rates", ci=False, cost="120 fits, 71 to 108 s of tasks"),
    "coverage-wald": dict(
        conf="conf/studies/coverage.conf", sets=["dgmoe.study.intervals={methods=[wald]}"],
        study="coverage", replicates=100, table="coverage-pivot", ci=False, cost="900 fits, 165 s of tasks"),
    "coverage-bootstrap": dict(
        conf="conf/studies/coverage.conf", sets=["dgmoe.study.replicates=50", "dgmoe.study.intervals.bootstrap=50"],
        study="coverage", replicates=50, table="coverage-pivot", ci=False, cost="450 fits, 22 500 refits, 288 s of tasks"),
    "softmax-gated": dict(
        conf="conf/studies/softmax-gated.conf", sets=[GATED_SIZE % 24],
        study="softmax-gated-small", replicates=24, table="rates", ci=False, cost="432 fits, 167 s of tasks"),
    "softmax-contaminated": dict(
        conf="conf/studies/softmax-contaminated.conf", sets=[GATED_SIZE % 12],
        study="softmax-contaminated-small", replicates=12, table="rates", ci=False, cost="432 fits, 196 s of tasks"),
    "diamonds": dict(
        conf="conf/studies/diamonds.conf", sets=[],
        study="diamonds", replicates=40, table="rates", ci=False, cost="800 fits, 233 s of tasks"),
}

# The manifest's facts a record's CSV keeps in its header, in this order.
PROVENANCE = ("section", "command", "study", "git_commit", "finished", "replicates", "sample_sizes", "tasks",
              "status_counts", "tasks_seconds")
RATE_COLUMNS = ("setting", "metric", "layout", "slope", "ci_low", "ci_high", "theory", "verdict", "flag", "reason")
COVERAGE_COLUMNS = ("setting", "n", "parameter", "method", "replicates", "covered", "coverage", "band_low",
                    "band_high", "mean_width", "unreliable", "unreliable_covered", "no_interval")


def begin(name):
    return "<!-- docs-check: %s begin (scripts/results.sh %s regenerates this block) -->" % (name, name)


def end(name):
    return "<!-- docs-check: %s end -->" % name


def command(name):
    """The commands that make a section's numbers, as the block prints them."""
    s = SECTIONS[name]
    out = "/tmp/" + name
    args = ["bin/dgmoe", "sweep", s["conf"]] + [x for v in s["sets"] for x in ("--set", v)] + ["--out", out]
    return " ".join(shlex.quote(a) for a in args) + " && bin/dgmoe export --in %s --out %s-csv" % (out, out)


# ---------------------------------------------------------------------------------------------- the data
def read_data(path):
    """A section's CSV: its `# key: value` header lines and its rows."""
    header, body = {}, []
    for line in path.read_text().splitlines(keepends=True):
        if line.startswith("# ") and not body:
            key, _, val = line[2:].rstrip("\n").partition(": ")
            header[key] = val
        else:
            body.append(line)
    return header, list(csv.DictReader(io.StringIO("".join(body))))


def data_from_export(name, export):
    """(header, rows) of a section from a `dgmoe export` folder: the manifest's facts and the table's rows,
    every digit as exported."""
    manifest = json.loads((export / "manifest.json").read_text())
    counts = manifest["status_counts"]
    header = {
        "section": name,
        "command": command(name),
        "study": manifest["study"],
        "git_commit": manifest["provenance"]["git_commit"],
        "finished": manifest["finished"],
        "replicates": str(manifest["replicates"]),
        "sample_sizes": " ".join(str(n) for n in manifest["sample_sizes"]),
        "tasks": str(manifest["tasks"]),
        "status_counts": ", ".join("%s=%d" % (k, counts[k]) for k in sorted(counts)),
        "tasks_seconds": "%.1f" % manifest["phase_seconds"]["tasks"],
    }
    table = SECTIONS[name]["table"]
    columns = RATE_COLUMNS if table == "rates" else COVERAGE_COLUMNS
    with open(export / ("rates.csv" if table == "rates" else "coverage.csv"), newline="") as f:
        rows = [{c: r.get(c) or "" for c in columns} for r in csv.DictReader(f)]
    if table == "rates":
        for r in rows:
            r["layout"] = r["layout"] or "all"
    return header, rows


def write_data(name, header, rows):
    DATA.mkdir(exist_ok=True)
    columns = RATE_COLUMNS if SECTIONS[name]["table"] == "rates" else COVERAGE_COLUMNS
    buf = io.StringIO()
    for key in PROVENANCE:
        buf.write("# %s: %s\n" % (key, header[key]))
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    (DATA / (name + ".csv")).write_text(buf.getvalue())


# ---------------------------------------------------------------------------------------------- the block
def coverage_table(rows):
    lines = ["| setting | n | parameter | method | covered | coverage | 95% band | mean width | marked (covered) | no interval |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append("| %s | %s | `%s` | %s | %s of %s | %s | [%s, %s] | %s | %s (%s) | %s |" % (
            r["setting"], r["n"], r["parameter"], r["method"], r["covered"], r["replicates"],
            fmt(number(r["coverage"]), 4), fmt(number(r["band_low"]), 4), fmt(number(r["band_high"]), 4),
            fmt(number(r["mean_width"]), 4), r["unreliable"], r["unreliable_covered"], r["no_interval"]))
    return lines


def coverage_pivot(rows):
    """Coverage as docs/results.md's tables of coverage.conf: one table per setting, a row per parameter, a
    column per n; a cell counts the intervals holding the truth, one count per method (` / ` between them),
    ↓ (↑) below (above) the binomial band of the level, in brackets the intervals carrying a reliability note
    and how many of them covered (shown with one method, and where not every interval is marked) and the fits
    with no interval. `experts[1].weight` is 1 − `experts[0].weight` and covers exactly as often: left out."""
    def first_seen(key):
        seen = []
        for r in rows:
            if r[key] not in seen:
                seen.append(r[key])
        return seen
    methods, sizes = first_seen("method"), first_seen("n")
    cells = {(r["setting"], r["parameter"], r["n"], r["method"]): r for r in rows}

    def cell(r):
        covered, reps = int(r["covered"]), int(r["replicates"])
        none, marked = int(r["no_interval"]), int(r["unreliable"])
        arrow = "↓" if number(r["coverage"]) < number(r["band_low"]) else "↑" if number(r["coverage"]) > number(r["band_high"]) else ""
        notes = []
        if len(methods) == 1 and 0 < marked < reps - none:
            notes.append("%d marked, %s covered" % (marked, r["unreliable_covered"]))
        if none:
            notes.append("%d none" % none)
        return "%d%s%s" % (covered, arrow, " (" + "; ".join(notes) + ")" if notes else "")

    lines = ["Intervals holding the truth, of %s, per method (%s); ↓ below the binomial band of the level." % (
        rows[0]["replicates"], " / ".join(methods))]
    for setting in first_seen("setting"):
        lines += ["", "**%s**" % setting, "", "| parameter | " + " | ".join("n = " + n for n in sizes) + " |",
                  "|---|" + "---|" * len(sizes)]
        for parameter in [q for q in first_seen("parameter") if q != "experts[1].weight"]:
            if (setting, parameter, sizes[0], methods[0]) in cells:
                lines.append("| `%s` | " % parameter + " | ".join(
                    " / ".join(cell(cells[(setting, parameter, n, m)]) for m in methods) for n in sizes) + " |")
    return lines + ["", "(`experts[1].weight` is 1 − `experts[0].weight` and covers exactly as often: left out.)"]


def verdict_counts(rows):
    counts = {}
    for r in rows:
        counts[r["verdict"]] = counts.get(r["verdict"], 0) + 1
    flagged = sum(1 for r in rows if r["flag"])
    return "%d rates: %s; %d flagged" % (
        len(rows), ", ".join("%d %s" % (counts[v], v) for v in sorted(counts, key=lambda v: (-counts[v], v))), flagged)


def block(name, header, rows):
    """The lines of a section's block, markers included."""
    s = SECTIONS[name]
    commit = header["git_commit"][:7]
    if header["git_commit"].endswith("-dirty"):
        commit += " with uncommitted changes"
    if s["ci"]:
        status = ("Rerun by CI (`scripts/docs-check.sh`): the numbers below are what this command gives today "
                  "(`scripts/results.sh %s` regenerates them)." % name)
    else:
        status = ("A record of commit %s (run %s, %s s of tasks on 2 cores), not rerun by CI; regenerate with "
                  "`scripts/results.sh %s`. Its exported numbers: docs/results-data/%s.csv." % (
                      commit, header["finished"][:10], header["tasks_seconds"], name, name))
    lines = [begin(name), "", "    " + header["command"], "", status, "",
             "%s fits (%s replicates at n = %s); status counts {%s}." % (
                 header["tasks"], header["replicates"], ", ".join(header["sample_sizes"].split()),
                 header["status_counts"])]
    if s["table"] == "rates":
        lines += ["", verdict_counts(rows) + ".", ""] + rate_table(rows)
    elif s["table"] == "coverage":
        lines += [""] + coverage_table(rows)
    else:
        lines += [""] + coverage_pivot(rows)
    return lines + ["", end(name)]


def span(lines, name):
    try:
        return lines.index(begin(name)), lines.index(end(name))
    except ValueError:
        raise SystemExit("results: docs/results.md has no '%s' ... '%s' block" % (begin(name), end(name)))


def rewrite(name, new_block):
    lines = RESULTS.read_text().split("\n")
    b, e = span(lines, name)
    RESULTS.write_text("\n".join(lines[:b] + new_block + lines[e + 1:]))


# ---------------------------------------------------------------------------------------------- commands
def run(args):
    print("results: " + " ".join(shlex.quote(a) for a in args), file=sys.stderr)
    subprocess.run(args, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def export_of(name, source, work):
    """The export folder of a section's study: `source` when it is one, exported when it is a sweep's output
    folder, the study rerun when it is None."""
    if source is not None and (source / "manifest.json").exists() and (source / "rates.csv").exists():
        return source
    if source is None:
        s = SECTIONS[name]
        source = work / name
        run(["bin/dgmoe", "sweep", s["conf"]] + [x for v in s["sets"] for x in ("--set", v)] + ["--out", str(source)])
    export = work / (name + "-csv")
    run(["bin/dgmoe", "export", "--in", str(source), "--out", str(export)])
    return export


def regenerate(name, source):
    with tempfile.TemporaryDirectory(prefix="records-" + name + ".", dir="/tmp") as work:
        export = export_of(name, source, Path(work))
        header, rows = data_from_export(name, export)
        manifest = json.loads((export / "manifest.json").read_text())
        # A folder of another study, or of this one at another size, would put wrong numbers under the
        # section's command.
        want = SECTIONS[name]
        if manifest["study"] != want["study"] or manifest["replicates"] != want["replicates"]:
            raise SystemExit("results: %s holds study %s with %d replicates, not the section's %s with %d" % (
                export, manifest["study"], manifest["replicates"], want["study"], want["replicates"]))
        write_data(name, header, rows)
        rewrite(name, block(name, header, rows))
    print("results: wrote docs/results-data/%s.csv and its block in docs/results.md (now reread the prose around it)" % name)


def ci(write, rerun=True):
    """Every section's block against its CSV; a cheap section rerun and its block against the rerun (with
    `write`, the rerun rewrites its CSV and block; without `rerun`, no study runs). Returns the problems."""
    problems = []
    lines = RESULTS.read_text().split("\n")
    with tempfile.TemporaryDirectory(prefix="records-ci.", dir="/tmp") as work:
        for name, s in SECTIONS.items():
            path = DATA / (name + ".csv")
            if not path.exists():
                problems.append("docs/results-data/%s.csv is missing: run scripts/results.sh %s" % (name, name))
                continue
            header, rows = read_data(path)
            b, e = span(lines, name)
            problems += compare_blocks(lines[b:e + 1], block(name, header, rows),
                                       "docs/results.md (%s block) against docs/results-data/%s.csv" % (name, name))
            if header["command"] != command(name):
                problems.append("docs/results-data/%s.csv was made by `%s`, the section's command is now `%s`: run "
                                "scripts/results.sh %s" % (name, header["command"], command(name), name))
            if s["ci"] and rerun:
                fresh_header, fresh_rows = data_from_export(name, export_of(name, None, Path(work)))
                fresh = block(name, fresh_header, fresh_rows)
                if write:
                    write_data(name, fresh_header, fresh_rows)
                    rewrite(name, fresh)
                    lines = RESULTS.read_text().split("\n")
                else:
                    problems += compare_blocks(lines[b:e + 1], fresh, "docs/results.md (%s block) against its rerun" % name)
                shutil.rmtree(Path(work) / name, ignore_errors=True)
    return problems


def main(argv):
    if argv == ["--list"]:
        for name, s in SECTIONS.items():
            print("%-22s %-5s %-45s %s" % (name, "CI" if s["ci"] else "record", s["conf"], s["cost"]))
        return
    if argv in (["--ci"], ["--ci", "--write"], ["--check"]):
        problems = ci(write=argv == ["--ci", "--write"], rerun=argv != ["--check"])
        if problems:
            print("results: %d problems: generated blocks of docs/results.md differ from their data (scripts/results.sh NAME "
                  "regenerates a block; then reread the prose around it):" % len(problems), file=sys.stderr)
            for p in problems:
                print("  " + p, file=sys.stderr)
            sys.exit(1)
        print("results: every generated block of docs/results.md is what its data says (%d sections)" % len(SECTIONS))
        return
    if len(argv) in (1, 3) and argv[0] in SECTIONS and (len(argv) == 1 or argv[1] == "--from"):
        regenerate(argv[0], Path(argv[2]).resolve() if len(argv) == 3 else None)
        return
    raise SystemExit("usage: scripts/results.sh NAME [--from DIR] | --ci [--write] | --check | --list\n  sections: "
                     + ", ".join(SECTIONS))


if __name__ == "__main__":
    main(sys.argv[1:])
