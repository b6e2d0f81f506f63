#!/usr/bin/env bash
# The numbers the docs quote from shipped commands are what those commands print today.
#
#   scripts/docs-check.sh            # runs them, exit 1 naming every quoted line that differs
#   scripts/docs-check.sh --write    # runs them and rewrites the quoted blocks (then reread the prose)
#                                    # and the blocks of results.md's studies that CI reruns
#
# It runs README's main command (the quickstart sweep), its report and export, README's
# reproduce-one-task commands (simulate, fit, loss of over-fit, n = 1069, replicate 3) and docs/gof.md's
# worked example (`dgmoe test` on conf/data/dose-response.csv), then scripts/docs_numbers.py compares
# README's rate-table excerpt and reproduce line, docs/results.md's generated quickstart block,
# gof.md's printed output and the numbers its prose takes from the example's test.json with them (its
# docstring has the tolerances). Then `scripts/results.sh --ci` checks docs/results.md's other generated
# blocks: it reruns the studies that take about a minute or less (issue 24's rate map, the medium
# distinguishable exact fit, the Gaussian-gated study; about three minutes on 2 cores)
# and compares their blocks with the reruns, and compares the blocks of the expensive studies, records of a
# commit, with their data in docs/results-data/ (same tolerance; scripts/results_blocks.py). scripts/test.sh
# runs it, so CI fails when a change moves a number the docs quote. Needs the built jar (bin/dgmoe builds it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mode=check
if [ "${1:-}" = "--write" ]; then
  mode=write
elif [ $# -gt 0 ]; then
  echo "usage: scripts/docs-check.sh [--write]" >&2
  exit 2
fi
out=$(mktemp -d /tmp/dgmoe-docs-check.XXXXXX)
trap 'rm -rf "$out"' EXIT
echo "docs-check: the quickstart sweep, its report and export (README's main command)"
bin/dgmoe sweep conf/quickstart.conf --out "$out/qs" > "$out/sweep.out"
bin/dgmoe report --in "$out/qs" > "$out/report.out"
bin/dgmoe export --in "$out/qs" --out "$out/csv" > /dev/null
echo "docs-check: README's reproduce-one-task commands"
bin/dgmoe simulate --config conf/quickstart.conf --setting over-fit --n 1069 --replicate 3 --out "$out/d.csv" > /dev/null
bin/dgmoe fit --config conf/quickstart.conf --setting over-fit --data "$out/d.csv" --replicate 3 --out "$out/fit.json" > /dev/null
bin/dgmoe loss --config conf/quickstart.conf --setting over-fit --fit "$out/fit.json" --out "$out/loss.json" > /dev/null
echo "docs-check: docs/gof.md's worked example"
# Written under $out, not the docs' /tmp/gof-example (a folder of the user's): the paths in its output are
# put back to the docs' before the comparison.
mkdir "$out/gof"
bin/dgmoe test --config conf/gof-example.conf --setting calibration --data conf/data/dose-response.csv \
    --x dose --y response --out "$out/gof/test.json" --report "$out/gof/report" 2>/dev/null \
    | sed "s#$out/gof#/tmp/gof-example#g" > "$out/test.out"
# Both checks run and both report before the exit status says whether either failed.
status=0
python3 scripts/docs_numbers.py "$mode" "$out" || status=1
echo "docs-check: docs/results.md's study sections (scripts/results.sh --ci)"
if [ "$mode" = write ]; then
  scripts/results.sh --ci --write || status=1
else
  scripts/results.sh --ci || status=1
fi
exit $status
