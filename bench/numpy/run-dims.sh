#!/usr/bin/env bash
# dgmoe's EM against the vectorised numpy EM (em_numpy.py) across covariate dimensions, side by side:
# for each d, the data of NumpyComparison (x ~ U[0,1]^d, k = 3, Student-t g0, 20 plain-EM M-steps) is
# exported once, then ROUNDS rounds alternate dgmoe (a fresh JVM per round, as in a task), the optional
# BEFORE jar (the same, another build: a before/after comparison in the same run) and numpy, so all see
# the same machine load. Prints per d the medians over each round's second half and the ratios.
# Needs the bench jar (mvn -q -B -o -pl core,bench -am package -DskipTests) and python3 with numpy.
#
#   bench/numpy/run-dims.sh [N] [ROUNDS] [DIMS] [JAR] [BEFORE_JAR]
#   defaults: 100000 2 "1 2 4 8 16 32" bench/target/benchmarks.jar (no before jar)
#
# Fits per round fall with d (a fit at d = 32 costs ~50x one at d = 1, and warms the JIT as much):
# 30 at d <= 4, 16 at d = 8, 10 at d = 16, 8 above. One run at the defaults takes about 4 minutes.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
n=${1:-100000}
rounds=${2:-2}
dims=${3:-1 2 4 8 16 32}
jar=${4:-$here/../target/benchmarks.jar}
before=${5:-}
iterations=20
dir=$(mktemp -d "${TMPDIR:-/tmp}/dgmoe-numpy-dims.XXXXXX")
trap 'rm -rf "$dir"' EXIT
# The same flag every dgmoe JVM gets (root pom, spark.jvm.opens): the kernel's Vector API path.
java_of() { echo "java --add-modules=jdk.incubator.vector ${DGMOE_BENCH_JAVA_OPTS:-} -cp $1 org.dgmoe.bench.NumpyComparison"; }
grep -m1 'model name' /proc/cpuinfo
echo "n=$n k=3 iterations=$iterations rounds=$rounds dims=($dims); load: $(cut -d' ' -f1-3 /proc/loadavg)"
log=$dir/log
for d in $dims; do
  if [ "$d" -le 4 ]; then repeats=30; elif [ "$d" -le 8 ]; then repeats=16; elif [ "$d" -le 16 ]; then repeats=10; else repeats=8; fi
  $(java_of "$jar") export "$dir/d$d" "$n" "$d" "$iterations" 2>/dev/null
  for r in $(seq 1 "$rounds"); do
    $(java_of "$jar") time "$dir/d$d" "$repeats" 2>/dev/null | sed "s/^/d $d round $r /" >>"$log"
    if [ -n "$before" ]; then
      $(java_of "$before") time "$dir/d$d" "$repeats" 2>/dev/null | sed "s/^java/before/; s/^/d $d round $r /" >>"$log"
    fi
    # numpy single-threaded (one core per fit, like a dgmoe task).
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 python3 "$here/em_numpy.py" "$dir/d$d" "$repeats" \
      | sed "s/^/d $d round $r /" >>"$log"
  done
  rm -f "$dir/d$d"/*.f64
  echo "d=$d done; load: $(cut -d' ' -f1-3 /proc/loadavg)"
done
# Medians over the second half of each round's fits (dgmoe's first fits in a fresh JVM run before C2
# has compiled the kernel; numpy's are steady from the first). CPU time: the figure a shared machine
# inflates least. The final ℓ of each side is printed to check that both fit the same thing.
python3 - "$log" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"d (\d+) round \d+ (java|before|numpy) fit (\d+): ([0-9.]+) ns\S*, cpu ([0-9.]+), loglik ([^,\s]+)", line)
    if not m:
        continue
    d, side, fit = int(m.group(1)), m.group(2), int(m.group(3))
    r = rows.setdefault(d, {"count": {}, "java": [], "before": [], "numpy": [], "ll": {}})
    r["count"][side] = max(r["count"].get(side, 0), fit + 1)
    r["ll"][side] = m.group(6)
    r.setdefault("all", []).append((side, fit, float(m.group(5))))
for d, r in rows.items():
    for side, fit, cpu in r["all"]:
        if fit >= r["count"][side] // 2:
            r[side].append(cpu)
print("CPU ns per point per component per iteration, medians (minima) over each round's second half")
print("| d | dgmoe | before | numpy | numpy / dgmoe | before / dgmoe | final loglik dgmoe / numpy |")
print("|---|---|---|---|---|---|---|")
for d in sorted(rows):
    r = rows[d]
    def fig(side):
        return f"{statistics.median(r[side]):.2f} ({min(r[side]):.2f})" if r[side] else "-"
    j = statistics.median(r["java"])
    p = statistics.median(r["numpy"])
    b = f"{statistics.median(r['before']) / j:.2f}x" if r["before"] else "-"
    print(f"| {d} | {fig('java')} | {fig('before')} | {fig('numpy')} | {p / j:.1f}x | {b} | "
          f"{r['ll'].get('java')} / {r['ll'].get('numpy')} |")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
