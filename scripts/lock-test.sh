#!/usr/bin/env bash
# The output folder's lock, tried from outside as two users would, with real dgmoe processes:
#
# 1. two different studies (the quickstart cut small, two seeds) started at the same moment into
#    one folder: exactly one exits 0, the other exits 2 naming the folder and the holder
#    (host, pid, start time) and writes nothing; the folder then holds the finished study whole
#    (_SUCCESS, the winner's manifest, every fit of it, no lock left);
# 2. a run killed with kill -9 while computing leaves its lock: the next --resume exits 2 saying the
#    lock is stale and how to remove it; once it is removed, --resume finishes the study.
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
  fits=$(find "$out/fits" -name '*.parquet' 2>/dev/null | wc -l)
  if [ -f "$out/_SUCCESS" ] && [ "$manifest_seed" = "$seed" ] && [ "$fits" = 1 ] && [ ! -e "$out/.lock" ] \
      && grep -q "wrote .*: 24 fits" "$tmp/$winner.out"; then
    pass "the folder holds the winner's study whole (seed $seed, 24 fits, _SUCCESS, no lock left)"
  else
    fail "the folder does not hold the winner's study whole (seed '$manifest_seed', $fits fits files)"
    ls -la "$out"; cat "$tmp/$winner.out"
  fi
  if [ "$(ls -A "$out" | sort | tr '\n' ' ')" = "_SUCCESS curves fits manifest.json rates " ]; then
    pass "nothing else in the folder: $(ls -A "$out" | tr '\n' ' ')"
  else
    fail "unexpected entries in the folder: $(ls -A "$out" | tr '\n' ' ')"
  fi
fi

# --- 2. a killed run's stale lock ----------------------------------------------------------------
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
if [ "$rc" = 2 ] && grep -q "no longer runs" "$tmp/r1.err" && grep -q "pid $pid_k" "$tmp/r1.err" \
    && grep -q "delete $out2/.lock" "$tmp/r1.err"; then
  pass "--resume after kill -9 exits 2 explaining the stale lock of pid $pid_k"
else
  fail "--resume after kill -9: exit $rc, expected 2 with a stale-lock explanation:"; cat "$tmp/r1.err"
fi
rm -f "$out2/.lock"
"$repo/bin/dgmoe" sweep conf/quickstart.conf "${small[@]}" --out "$out2" --resume >"$tmp/r2.out" 2>"$tmp/r2.err"
rc=$?
if [ "$rc" = 0 ] && [ -f "$out2/_SUCCESS" ] && grep -q "wrote .*: 24 fits" "$tmp/r2.out"; then
  pass "with the stale lock removed, --resume finishes the study ($(grep -o '24 fits ([0-9]* computed now)' "$tmp/r2.out"))"
else
  fail "--resume after removing the lock: exit $rc"; tail -5 "$tmp/r2.err"; cat "$tmp/r2.out"
fi
finish
