#!/usr/bin/env bash
# The in-sweep EM-map cost (docs/performance.md, "EM kernel"): a small over-fitted study derived from
# conf/studies/distinguishable-overfit.conf (d = 1; k = 2 and 3; n = 10⁴ … 2·10⁵, 4 log-spaced sizes,
# 2 replicates, at most 3 000 EM-map evaluations per fit) run by the dgmoe launcher of REPO, then
# bench/sweep/InSweepCost.java over its fits/.
#
#   bench/sweep/run-sweep.sh REPO OUT_DIR        e.g. bench/sweep/run-sweep.sh . /tmp/sweep-after
set -euo pipefail
repo=$1
out=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
duckdb_version=$(sed -n 's:.*<duckdb.version>\(.*\)</duckdb.version>.*:\1:p' "$here/../../pom.xml")
duckdb_jar=${DUCKDB_JAR:-$HOME/.m2/repository/org/duckdb/duckdb_jdbc/$duckdb_version/duckdb_jdbc-$duckdb_version.jar}
[ -f "$duckdb_jar" ] || { echo "run-sweep: $duckdb_jar not found (set DUCKDB_JAR)" >&2; exit 2; }
grep -m1 'model name' /proc/cpuinfo
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s)
"$repo/bin/dgmoe" sweep "$repo/conf/studies/distinguishable-overfit.conf" --out "$out" --overwrite \
  --master 'local[2]' \
  --set 'size={ label = kernel, replicates = 2, sample-sizes { min = 10000, max = 200000, count = 4, spacing = log } }' \
  --set 'em.max-iterations=3000' >/dev/null
echo "sweep wall: $(( $(date +%s) - start )) s; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$duckdb_jar" "$here/InSweepCost.java" "$out"
