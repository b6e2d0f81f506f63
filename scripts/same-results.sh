#!/usr/bin/env bash
# Behaviour check for restructurings: runs a study with this checkout and with another commit
# (built in a temporary git worktree) and requires every fit, curve and rate to be the same, read
# with DuckDB (scripts/tools/TablesDump.java): fits/ in every column but the wall times
# millis and fit_millis and the gate columns (added by issue 21: gate_slopes, gate_intercepts,
# gate_means, gate_covariances, lambda_slope, lambda_intercept; a deviated model's fit has them empty
# or NaN; and the gated fit's pass counts likelihood_passes, solver_passes, −1 for a deviated model's fit), curves/ in every column but layout,
# rates/ in every column but layout and reason (added by issue 24: a near-truth study's curves and
# rates are all over all fits, layout `all`, and an inconclusive verdict, whose reason this leaves
# out, differs in the verdict column itself), and when the study has a `test` block tests/, power/ and
# nulls/ in every column, each sorted by its key (tests/ is written in parts by the executors),
# doubles bit for bit.
#
#   scripts/same-results.sh BASE_REF [CONFIG [--set KEY=VALUE]...]
#
# BASE_REF is a commit (e.g. origin/main, HEAD~3); CONFIG defaults to conf/quickstart.conf (about
# a minute per run on 2 cores, plus one build of BASE_REF). Both runs use local[2]. Then both
# checkouts run the goodness-of-fit worked example of docs/gof.md (`dgmoe test` of
# conf/gof-example.conf on conf/data/dose-response.csv, B = 999, about a minute each) and every
# field of the base's test.json but its provenance must have the same value in this one (GOF=0 skips
# this part). Prints
# "same results" and exits 0, or prints the first differences and exits 1.
# DGMOE_MVN_ARGS=-o builds offline; KEEP=1 keeps the folder with both outputs and dumps.
set -euo pipefail

repo=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
if [ $# -lt 1 ]; then
  sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
base_ref=$1
shift
config=${1:-conf/quickstart.conf}
[ $# -gt 0 ] && shift
base_commit=$(git rev-parse --verify "$base_ref^{commit}") || { echo "same-results: $base_ref: not a commit" >&2; exit 2; }
[ -f "$config" ] || { echo "same-results: $config: no such study file" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dgmoe-same-results.XXXXXX")
cleanup() {
  git -C "$repo" worktree remove --force "$tmp/checkout" >/dev/null 2>&1 || true
  if [ "${KEEP:-0}" = 1 ]; then echo "same-results: kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

git worktree add --detach "$tmp/checkout" "$base_commit" >/dev/null 2>&1
duckdb_version=$(sed -n 's:.*<duckdb.version>\(.*\)</duckdb.version>.*:\1:p' pom.xml)
# shellcheck disable=SC2086  # DGMOE_MVN_ARGS is a list
mvn -q -B ${DGMOE_MVN_ARGS:-} dependency:copy -Dartifact="org.duckdb:duckdb_jdbc:$duckdb_version" \
  -DoutputDirectory="$tmp/reader" >"$tmp/reader.log" 2>&1 \
  || { cat "$tmp/reader.log" >&2; echo "same-results: could not fetch duckdb_jdbc" >&2; exit 1; }

# The columns the newer checkout added, which the older lacks (the header comment says why each is safe to leave out).
left_out=curves.layout,rates.layout,rates.reason,fits.gate_slopes,fits.gate_intercepts,fits.gate_means,fits.gate_covariances
left_out=$left_out,fits.lambda_slope,fits.lambda_intercept,fits.likelihood_passes,fits.solver_passes

run() { # NAME CHECKOUT [--set KEY=VALUE]...
  local name=$1 checkout=$2
  shift 2
  echo "same-results: running $config with $name ($(git -C "$checkout" rev-parse --short HEAD)$([ -n "$(git -C "$checkout" status --porcelain --untracked-files=no)" ] && echo ', with uncommitted changes'))"
  "$checkout/bin/dgmoe" sweep "$repo/$config" "$@" --master 'local[2]' --out "$tmp/out-$name" >"$tmp/$name.log" 2>&1 \
    || { tail -20 "$tmp/$name.log" >&2; echo "same-results: the $name run failed" >&2; exit 1; }
  java -cp "$tmp/reader/duckdb_jdbc-$duckdb_version.jar" "$repo/scripts/tools/TablesDump.java" \
    "$tmp/out-$name" "$tmp/$name.txt" "$left_out"
}
run base "$tmp/checkout" "$@"
run this "$repo" "$@"
if cmp -s "$tmp/base.txt" "$tmp/this.txt"; then
  echo "same results: fits, curves$(grep -q '^== tests' "$tmp/this.txt" && echo ', rates, tests, power and nulls' || echo ' and rates') of $config equal those of $base_ref ($(git rev-parse --short "$base_commit"))"
else
  echo "same-results: DIFFERENT from $base_ref; first differences:" >&2
  diff "$tmp/base.txt" "$tmp/this.txt" | head -20 >&2
  exit 1
fi
[ "${GOF:-1}" = 0 ] && exit 0

gof() { # NAME CHECKOUT
  local name=$1 checkout=$2
  echo "same-results: the worked goodness-of-fit example with $name"
  (cd "$checkout" && bin/dgmoe test --config conf/gof-example.conf --setting calibration \
      --data conf/data/dose-response.csv --x dose --y response --master 'local[2]' \
      --out "$tmp/gof-$name.json") >"$tmp/gof-$name.log" 2>&1 \
    || { tail -20 "$tmp/gof-$name.log" >&2; echo "same-results: the $name test failed" >&2; exit 1; }
}
gof base "$tmp/checkout"
gof this "$repo"
# Every field of the base's test.json but its provenance must be in this one with the same value,
# compared as parsed JSON values (the same text of a double parses to the same double); a field the
# base kept inside `provenance` (setting, n, key, ...) counts too when this one has it at the top
# level. Fields new in this one (its own provenance, run times) are listed, not compared, and so are
# the wall times, which no rerun repeats: `millis` (of the fits inside test.json) and the `run` object
# (started, finished, seconds).
python3 - "$tmp/gof-base.json" "$tmp/gof-this.json" <<'PY'
import json, sys
base, this = (json.load(open(f)) for f in sys.argv[1:3])
expected = {k: v for k, v in base.items() if k not in ("provenance", "run")}
moved = {k: v for k, v in base.get("provenance", {}).items() if k in this and k not in expected}
expected.update(moved)
diffs = []
def walk(a, b, path):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted((set(a) | set(b)) - {"millis"}):
            if k not in a or k not in b:
                diffs.append(f"{path}.{k}: only in {'this' if k in b else 'base'}")
            else:
                walk(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            walk(x, y, f"{path}[{i}]")
    elif a != b:
        diffs.append(f"{path}: base {a!r}, this {b!r}")
for k, v in expected.items():
    if k not in this:
        diffs.append(f"test.json.{k}: only in base")
    else:
        walk(v, this[k], f"test.json.{k}")
if diffs:
    print("same-results: test.json DIFFERENT; first differences:", *diffs[:20], sep="\n", file=sys.stderr)
    sys.exit(1)
new = sorted(k for k in this if k not in expected and k not in ("provenance", "run"))
print(f"same results: the worked example's test.json has the base's {len(expected)} fields with the same values"
      + (f" ({len(moved)} of them moved out of provenance: {', '.join(sorted(moved))})" if moved else "")
      + (f"; new fields: {', '.join(new)}" if new else ""))
PY
