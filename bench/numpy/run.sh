#!/usr/bin/env bash
# dgmoe's EM against the vectorised numpy EM (em_numpy.py) on the same exported data, side by side:
# rounds of (dgmoe REPEATS fits, numpy REPEATS fits), alternating, so both see the same machine load.
# Needs the bench jar (mvn -q -B -o -pl core,bench -am package -DskipTests) and python3 with numpy.
#
#   bench/numpy/run.sh [N] [D] [ROUNDS] [REPEATS] [JAR]      defaults: 200000 1 3 30 bench/target/benchmarks.jar
#
# 30 fits per round, medians over the second half: a fresh JVM takes 10-15 fits of this size before
# C2 has settled on its code for the Vector API pass (the first fit costs 35-70 ns, then 3-5 ns, then ~2.2).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
n=${1:-200000}
d=${2:-1}
rounds=${3:-3}
repeats=${4:-30}
jar=${5:-$here/../target/benchmarks.jar}
iterations=20
dir=$(mktemp -d "${TMPDIR:-/tmp}/dgmoe-numpy.XXXXXX")
trap 'rm -rf "$dir"' EXIT
# The same flag every dgmoe JVM gets (root pom, spark.jvm.opens): the kernel's Vector API path.
java=(java --add-modules=jdk.incubator.vector ${DGMOE_BENCH_JAVA_OPTS:-} -cp "$jar" org.dgmoe.bench.NumpyComparison)
grep -m1 'model name' /proc/cpuinfo
echo "n=$n d=$d k=3 iterations=$iterations; load: $(cut -d' ' -f1-3 /proc/loadavg)"
"${java[@]}" export "$dir" "$n" "$d" "$iterations" 2>/dev/null
log=$dir/log
for r in $(seq 1 "$rounds"); do
  # Each round is a fresh JVM, as in a task; its first fit includes JIT compilation.
  "${java[@]}" time "$dir" "$repeats" 2>/dev/null | sed "s/^/round $r /" | tee -a "$log"
  # numpy single-threaded (one core per fit, like a dgmoe task).
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 python3 "$here/em_numpy.py" "$dir" "$repeats" \
    | sed "s/^/round $r /" | tee -a "$log"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
# Medians over the second half of each round's fits (dgmoe's first fits in a fresh JVM run before C2
# has compiled the kernel; numpy's are steady from the first), and their ratio.
python3 - "$log" "$repeats" <<'PY'
import re, statistics, sys
half = int(sys.argv[2]) // 2
java, numpy = {"wall": [], "cpu": []}, {"wall": [], "cpu": []}
for line in open(sys.argv[1]):
    m = re.match(r"round \d+ (java|numpy) fit (\d+): ([0-9.]+) ns\S*, cpu ([0-9.]+)", line)
    if m and int(m.group(2)) >= half:
        side = java if m.group(1) == "java" else numpy
        side["wall"].append(float(m.group(3)))
        side["cpu"].append(float(m.group(4)))
# CPU time is the figure a shared machine inflates least; the wall-clock minimum next.
for clock in ("cpu", "wall"):
    for name, f in (("median", statistics.median), ("minimum", min)):
        j, p = f(java[clock]), f(numpy[clock])
        print(f"{clock} {name} ns/point/component/iteration: dgmoe {j:.2f}, numpy {p:.2f}; numpy/dgmoe = {p / j:.1f}x")
PY
