#!/usr/bin/env bash
# The output folder's lock, tried from outside as two users would, with real dgmoe processes:
#
# 1. two different studies (the quickstart cut small, two seeds) started at the same moment into
#    one folder: exactly one exits 0, the other exits 2 naming the folder and the holder
#    (host, pid, start time) and writes nothing; the folder then holds the finished study whole
#    (_SUCCESS, the winner's manifest, every fit of it, no lock left);
# 2. a run killed with kill -9 while computing leaves its lock: the same command with --resume takes the
#    lock over (one line on stderr naming the killed run) and finishes the study, with no manual step,
#    and its tables (read with DuckDB, scripts/tools/TablesDump.java) are those of an uninterrupted run;
# 3. a lock that is never taken over by --resume: one written by hand naming another host (exit 2,
#    pointing at --break-lock, the lock untouched; then --break-lock takes it and finishes the study),
#    and the lock of a live run (exit 2 naming its pid; the live run then finishes normally);
# 4. a driver heap below Spark's minimum (DGMOE_JAVA_OPTS=-Xmx256m): exit 2, one line naming DGMOE_JAVA_OPTS
#    and spark.driver.memory, no stack trace, nothing written (a heap that runs out later, while the
#    driver summarises, is SweepOutOfMemoryTest's: it takes minutes of fits to provoke for real).
#
#   scripts/lock-test.sh            (DGMOE_MVN_ARGS=-o for an offline build; KEEP=1 keeps the folder)
# The last line is "N passed, N failed"; the exit status is non-zero on any failure.
set -uo pipefail

repo=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo" || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dgmoe-lock-test.XXXXXX") || exit 2
passed=0
failed=0
say() { echo "lock-test: $*"; }
pass() { passed=$((passed + 1)); say "PASS $*"; }
fail() { failed=$((failed + 1)); say "FAIL $*"; }
finish() {
  if [ "${KEEP:-0}" = 1 ]; then say "kept $tmp"; else rm -rf "$tmp"; fi
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

"$repo/bin/dgmoe" --version >"$tmp/build.out" 2>"$tmp/build.err" \
  || { cat "$tmp/build.err"; fail "dgmoe does not build"; finish; exit 1; }

# 2 settings x 3 sizes x 4 replicates = 24 fits, some 10 s per study on one core, so the two runs overlap for certain.
small=(--set dgmoe.study.replicates=4
  --set 'dgmoe.study.sample-sizes={min=500, max=4000, count=3, spacing=log}' --master 'local[1]')

# --- 1. two studies at once ----------------------------------------------------------------------
out=$tmp/shared
"$repo/bin/dgmoe" sweep conf/quickstart.conf "${small[@]}" --set dgmoe.study.seed=1 --out "$out" \
  >"$tmp/a.out" 2>"$tmp/a.err" &
pid_a=$!
"$repo/bin/dgmoe" sweep conf/quickstart.conf "${small[@]}" --set dgmoe.study.seed=2 --out "$out" \
  >"$tmp/b.out" 2>"$tmp/b.err" &
pid_b=$!
wait "$pid_a"; rc_a=$?
wait "$pid_b"; rc_b=$?
if [ "$rc_a" = 0 ] && [ "$rc_b" = 2 ]; then winner=a seed=1 loser=b loser_pid=$pid_b holder_pid=$pid_a
elif [ "$rc_a" = 2 ] && [ "$rc_b" = 0 ]; then winner=b seed=2 loser=a loser_pid=$pid_a holder_pid=$pid_b
else
  winner=
  fail "two runs at once: exit statuses $rc_a and $rc_b, expected one 0 and one 2"
  tail -5 "$tmp/a.err" "$tmp/b.err"
fi
if [ -n "$winner" ]; then
  pass "two runs at once: run $winner exited 0, run $loser (pid $loser_pid) exited 2"
  if grep -q "in use by another dgmoe run" "$tmp/$loser.err" && grep -q "$out" "$tmp/$loser.err" \
      && grep -q "pid $holder_pid" "$tmp/$loser.err" && grep -q "started " "$tmp/$loser.err"; then
    pass "the refusal names the folder and the holder: $(grep -m1 'in use' "$tmp/$loser.err" | cut -c1-160)..."
  else
    fail "the refusal does not name the folder and the holder (pid $holder_pid):"; cat "$tmp/$loser.err"
  fi
  manifest_seed=$(sed -n 's/.*"study_seed" : \([0-9]*\).*/\1/p' "$out/manifest.json" 2>/dev/null)
  # fits/ is the executors' parts, one per partition (FitParts); the winner's line counts its 24 fits
  fits=$(find "$out/fits" -name '*.parquet' 2>/dev/null | wc -l)
  if [ -f "$out/_SUCCESS" ] && [ "$manifest_seed" = "$seed" ] && [ "$fits" -ge 1 ] && [ ! -e "$out/.lock" ] \
      && grep -q "wrote .*: 24 fits" "$tmp/$winner.out"; then
    pass "the folder holds the winner's study whole (seed $seed, 24 fits, _SUCCESS, no lock left)"
  else
    fail "the folder does not hold the winner's study whole (seed '$manifest_seed', $fits fits parts)"
    ls -la "$out"; cat "$tmp/$winner.out"
  fi
  if [ "$(ls -A "$out" | sort | tr '\n' ' ')" = "_SUCCESS curves fits manifest.json rates " ]; then
    pass "nothing else in the folder: $(ls -A "$out" | tr '\n' ' ')"
  else
    fail "unexpected entries in the folder: $(ls -A "$out" | tr '\n' ' ')"
  fi
fi

# --- 2. a killed run's stale lock: --resume takes it over ---------------------------------------------
duckdb_version=$(sed -n 's:.*<duckdb.version>\(.*\)</duckdb.version>.*:\1:p' pom.xml)
reader=$tmp/reader/duckdb_jdbc-$duckdb_version.jar
# shellcheck disable=SC2086  # DGMOE_MVN_ARGS is a list
mvn -q -B ${DGMOE_MVN_ARGS:-} dependency:copy -Dartifact="org.duckdb:duckdb_jdbc:$duckdb_version" \
  -DoutputDirectory="$tmp/reader" >"$tmp/reader.log" 2>&1 || { cat "$tmp/reader.log"; reader=; }
dump() { # DIR FILE: the tables as text (wall times left out), comparable with cmp
  java -cp "$reader" "$repo/scripts/tools/TablesDump.java" "$1" "$2" >"$2.counts" 2>"$2.err"
}
ref=$tmp/reference
"$repo/bin/dgmoe" sweep conf/quickstart.conf "${small[@]}" --out "$ref" >"$tmp/ref.out" 2>"$tmp/ref.err" \
  || { fail "the uninterrupted reference run failed"; tail -5 "$tmp/ref.err"; }
out2=$tmp/killed
"$repo/bin/dgmoe" sweep conf/quickstart.conf "${small[@]}" --out "$out2" >"$tmp/k.out" 2>"$tmp/k.err" &
pid_k=$!
for _ in $(seq 1 600); do
  [ -n "$(ls "$out2/.staging/tasks" 2>/dev/null)" ] && break
  kill -0 "$pid_k" 2>/dev/null || break
  sleep 0.1
done
kill -9 "$pid_k" 2>/dev/null
wait "$pid_k" 2>/dev/null
if [ -f "$out2/.lock" ]; then
  pass "kill -9 left the lock behind"
else
  fail "no lock after kill -9 (the run may have finished first: $(cat "$tmp/k.out"))"
fi
"$repo/bin/dgmoe" sweep conf/quickstart.conf "${small[@]}" --out "$out2" --resume >"$tmp/r1.out" 2>"$tmp/r1.err"
rc=$?
if [ "$rc" = 0 ] && [ -f "$out2/_SUCCESS" ] && [ ! -e "$out2/.lock" ] && grep -q "wrote .*: 24 fits" "$tmp/r1.out"; then
  pass "--resume after kill -9 finishes the study, no manual step ($(grep -o '24 fits ([0-9]* computed now)' "$tmp/r1.out"))"
else
  fail "--resume after kill -9: exit $rc, expected 0 and a finished study:"; cat "$tmp/r1.err" "$tmp/r1.out"
fi
took=$(grep -c "took over the lock of $out2 from a run that no longer runs (.*pid $pid_k," "$tmp/r1.err")
if [ "$took" = 1 ]; then
  pass "it said so in one line: $(grep -m1 'took over' "$tmp/r1.err" | cut -c1-150)..."
else
  fail "no single line saying the lock of pid $pid_k was taken over:"; cat "$tmp/r1.err"
fi
if [ -z "$reader" ]; then
  fail "no DuckDB reader to compare the tables (see above)"
elif dump "$ref" "$tmp/ref.txt" && dump "$out2" "$tmp/resumed.txt" && cmp -s "$tmp/ref.txt" "$tmp/resumed.txt"; then
  pass "the resumed tables equal an uninterrupted run's ($(tr '\n' ' ' <"$tmp/resumed.txt.counts"))"
else
  fail "the resumed tables differ from an uninterrupted run's:"; cat "$tmp/ref.txt.err" "$tmp/resumed.txt.err" 2>/dev/null
  diff "$tmp/ref.txt" "$tmp/resumed.txt" | head -10
fi

# --- 3. locks that --resume never takes over ---------------------------------------------------------
# A lock of another host, written by hand: its pid cannot be checked from here.
out3=$tmp/elsewhere
mkdir -p "$out3"
printf '{"host":"some-other-host","pid":1,"started":"2026-01-01T00:00:00Z","command":"dgmoe sweep x.conf"}\n' \
  >"$out3/.lock"
cp "$out3/.lock" "$tmp/elsewhere.lock"
"$repo/bin/dgmoe" sweep conf/quickstart.conf "${small[@]}" --out "$out3" --resume >"$tmp/e1.out" 2>"$tmp/e1.err"
rc=$?
if [ "$rc" = 2 ] && grep -q "in use by another dgmoe run (host some-other-host, pid 1" "$tmp/e1.err" \
    && grep -q -- "--break-lock" "$tmp/e1.err" && cmp -s "$out3/.lock" "$tmp/elsewhere.lock" \
    && [ "$(ls -A "$out3")" = .lock ]; then
  pass "--resume against another host's lock exits 2, points at --break-lock and leaves the lock"
else
  fail "--resume against another host's lock: exit $rc, expected 2 and the lock untouched:"; cat "$tmp/e1.err"
fi
"$repo/bin/dgmoe" sweep conf/quickstart.conf "${small[@]}" --out "$out3" --break-lock >"$tmp/e2.out" 2>"$tmp/e2.err"
rc=$?
if [ "$rc" = 0 ] && grep -q "took over the lock of $out3 from a run that may still run (--break-lock) (host some-other-host" \
    "$tmp/e2.err" && [ -f "$out3/_SUCCESS" ] && [ ! -e "$out3/.lock" ]; then
  pass "--break-lock takes it over, says so and finishes the study"
else
  fail "--break-lock: exit $rc, expected 0, a line saying so and a finished study:"; cat "$tmp/e2.err"
fi
# A live holder: --resume into its folder while it computes.
out4=$tmp/live
"$repo/bin/dgmoe" sweep conf/quickstart.conf "${small[@]}" --out "$out4" >"$tmp/l.out" 2>"$tmp/l.err" &
pid_l=$!
for _ in $(seq 1 600); do
  [ -f "$out4/.lock" ] && break
  kill -0 "$pid_l" 2>/dev/null || break
  sleep 0.1
done
"$repo/bin/dgmoe" sweep conf/quickstart.conf "${small[@]}" --out "$out4" --resume >"$tmp/l2.out" 2>"$tmp/l2.err"
rc=$?
wait "$pid_l"; rc_l=$?
if [ "$rc" = 2 ] && grep -q "in use by another dgmoe run (host .*, pid $pid_l," "$tmp/l2.err" \
    && ! grep -q "took over" "$tmp/l2.err"; then
  pass "--resume against a live run's lock exits 2 naming pid $pid_l"
else
  fail "--resume against a live run's lock: exit $rc, expected 2 naming pid $pid_l:"; cat "$tmp/l2.err"
fi
if [ "$rc_l" = 0 ] && [ -f "$out4/_SUCCESS" ] && [ ! -e "$out4/.lock" ]; then
  pass "the live run finished undisturbed"
else
  fail "the live run: exit $rc_l"; tail -5 "$tmp/l.err"
fi
# --- 4. a driver heap too small ---------------------------------------------------------------------------
out5=$tmp/small-heap
DGMOE_JAVA_OPTS=-Xmx256m "$repo/bin/dgmoe" sweep conf/quickstart.conf "${small[@]}" --out "$out5" \
  >"$tmp/h.out" 2>"$tmp/h.err"
rc=$?
if [ "$rc" = 2 ] && [ "$(grep -cv '^WARNING: Using incubator modules' "$tmp/h.err")" = 1 ] \
    && grep -q "needs a larger driver heap.*DGMOE_JAVA_OPTS=.*spark.driver.memory" "$tmp/h.err" && [ ! -e "$out5" ]; then
  pass "a 256 MiB driver heap: exit 2, one line naming the settings, nothing written"
else
  fail "a 256 MiB driver heap: exit $rc, expected 2 and one line:"; cat "$tmp/h.err"
fi
finish
