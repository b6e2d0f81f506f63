#!/usr/bin/env bash
# Measures the sweep's overhead on this machine: Spark session start, then one sweep, then
# sum(millis) over fits/ (task wall time) against the sweep's wall time on MASTER.
#
#   scripts/bench-sweep.sh [--master local[2]] --fake SECONDS        CPU-burning stand-in tasks
#   scripts/bench-sweep.sh [--master local[2]] CONFIG [--set k=v]... the real pipeline
#
# Target (docs/performance.md, "Sweep overhead"): sweep wall ≤ 1.15 × task CPU / cores.
set -euo pipefail
cd "$(dirname "$0")/.."
master='local[2]'
if [ "${1:-}" = "--master" ]; then master=$2; shift 2; fi
[ $# -ge 1 ] || { sed -n 2,8p "$0"; exit 2; }

cp_file=spark-jobs/target/bench-classpath.txt
# One reactor build, so core resolves to core/target/classes; spark-jobs writes the file last.
# DGMOE_MVN_ARGS=-o builds offline (a filled ~/.m2).
# shellcheck disable=SC2086  # a list of arguments
mvn -q -B ${DGMOE_MVN_ARGS:-} test-compile dependency:build-classpath -pl spark-jobs -am \
  -Dmdep.outputFile="$PWD/$cp_file" -Dmdep.includeScope=test
opens=$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' pom.xml)
out=$(mktemp -d)/sweep
export SPARK_LOCAL_IP=127.0.0.1
java $opens -Xmx4g \
  -Dlog4j2.configurationFile=spark-jobs/src/test/resources/log4j2-test.properties \
  -cp "spark-jobs/target/test-classes:spark-jobs/target/classes:$(cat $cp_file)" \
  org.dgmoe.app.sweep.SweepBench "$master" "$out" "$@"
rm -rf "$(dirname "$out")"
