#!/usr/bin/env bash
# bin/dgmoe's stderr, as a user sees it: the JDK's "WARNING: Using incubator modules: jdk.incubator.vector"
# (printed at every JVM start because the JVM flags resolve the module for the EM kernel) is dropped where
# stderr is a terminal or a pipe, and everything else the JVM prints still arrives, with dgmoe's exit status:
#
# 1. stderr a pipe: --version leaves stderr empty; an unknown command exits 2 with its message, and only it;
# 2. stderr a terminal (util-linux `script`, skipped without it): the same;
# 3. stderr a file: written by the JVM itself (no copy process that could lag behind dgmoe's exit), so the
#    message is there the moment dgmoe has exited, and the JDK's line shows the module is still resolved
#    (the vector kernel kept);
# 4. the class archive (bin/dgmoe, docs/performance.md "Start-up: a class archive"): made by the first start
#    after a build, newer than the jar, used by every start (the JVM maps it: -Xshare:on would fail otherwise),
#    and an archive that does not fit these jars leaves stdout alone; DGMOE_CLASS_ARCHIVE=off still runs.
#
#   scripts/launcher-test.sh            (DGMOE_MVN_ARGS=-o for an offline build)
# The last line is "N passed, N failed"; the exit status is non-zero on any failure.
set -uo pipefail

repo=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo" || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dgmoe-launcher-test.XXXXXX") || exit 2
passed=0
failed=0
say() { echo "launcher-test: $*"; }
pass() { passed=$((passed + 1)); say "PASS $*"; }
fail() { failed=$((failed + 1)); say "FAIL $*"; }
finish() {
  rm -rf "$tmp"
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
warning='WARNING: Using incubator modules: jdk.incubator.vector'
unknown="dgmoe: unknown command 'no-such-command'"

"$repo/bin/dgmoe" --version >"$tmp/build.out" 2>"$tmp/build.err" \
  || { cat "$tmp/build.err"; fail "dgmoe does not build"; finish; exit 1; }

# --- 1. stderr a pipe ----------------------------------------------------------------------------
# $(...) reads the pipe to its end: the copy process has finished when it returns.
err=$("$repo/bin/dgmoe" --version 2>&1 >"$tmp/version.out")
if [ -z "$err" ] && grep -q '^dgmoe ' "$tmp/version.out"; then
  pass "pipe: --version prints its line on stdout and nothing on stderr"
else
  fail "pipe: --version stderr was '$err', stdout '$(cat "$tmp/version.out")'"
fi
err=$("$repo/bin/dgmoe" no-such-command 2>&1 >/dev/null; echo "rc=$?")
if [ "$(printf '%s\n' "$err" | grep -c '')" = 2 ] && [ "$(printf '%s\n' "$err" | head -1 | cut -c1-${#unknown})" = "$unknown" ] \
    && [ "$(printf '%s\n' "$err" | tail -1)" = "rc=2" ]; then
  pass "pipe: an unknown command exits 2 with its message and no other line"
else
  fail "pipe: an unknown command gave (stderr, then the exit status):"; printf '%s\n' "$err"
fi

# --- 2. stderr a terminal ------------------------------------------------------------------------
if command -v script >/dev/null 2>&1 && script -qfec true /dev/null >/dev/null 2>&1; then
  script -qfec "'$repo/bin/dgmoe' no-such-command; echo rc=\$?" /dev/null </dev/null | tr -d '\r' >"$tmp/tty.out"
  if ! grep -qF "$warning" "$tmp/tty.out" && grep -qF "$unknown" "$tmp/tty.out" && grep -qx 'rc=2' "$tmp/tty.out"; then
    pass "terminal: no incubator line; the message and exit status 2 arrive"
  else
    fail "terminal: got"; cat "$tmp/tty.out"
  fi
else
  say "SKIP terminal: no util-linux script to give dgmoe a terminal"
fi

# --- 3. stderr a file ----------------------------------------------------------------------------
"$repo/bin/dgmoe" no-such-command 2>"$tmp/file.err" >/dev/null
rc=$?
if [ "$rc" = 2 ] && grep -qF "$unknown" "$tmp/file.err"; then
  pass "file: the message is in the file when dgmoe has exited (status 2)"
else
  fail "file: exit $rc, file:"; cat "$tmp/file.err"
fi
if [ "$(head -1 "$tmp/file.err")" = "$warning" ]; then
  pass "file: the JVM still resolves jdk.incubator.vector (its line is the file's first)"
else
  fail "file: the JDK's incubator line is missing: is --add-modules=jdk.incubator.vector still in spark.jvm.opens?"
  cat "$tmp/file.err"
fi
# --- 4. the class archive -------------------------------------------------------------------------
archive=$repo/spark-jobs/target/launcher/classes.jsa
if [ "$archive" -nt "$repo/spark-jobs/target/dgmoe-app.jar" ]; then
  pass "archive: the first start after the build made it"
else
  fail "archive: no class archive newer than the jar:"; ls -l "$repo/spark-jobs/target/launcher/" "$repo/spark-jobs/target/dgmoe-app.jar"
  cat "$repo/spark-jobs/target/launcher/classes.jsa.failed" 2>/dev/null | tail -20
fi
# -Xshare:on makes a JVM that cannot map the archive fail to start: this start maps it
if DGMOE_JAVA_OPTS=-Xshare:on "$repo/bin/dgmoe" --version >"$tmp/share.out" 2>"$tmp/share.err" \
    && grep -q '^dgmoe ' "$tmp/share.out"; then
  pass "archive: a start maps it (-Xshare:on)"
else
  fail "archive: a start with -Xshare:on failed:"; cat "$tmp/share.out" "$tmp/share.err"
fi
# an archive made for other jars (a JVM with an empty class path): the JVM runs without it, and its note stays
# off stdout, which some commands' output is
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
mkdir -p "$tmp/empty"
if "$java" -XX:ArchiveClassesAtExit="$tmp/other.jsa" -cp "$tmp/empty" -version >/dev/null 2>&1 && [ -s "$tmp/other.jsa" ]; then
  out=$(DGMOE_JAVA_OPTS="-XX:SharedArchiveFile=$tmp/other.jsa" "$repo/bin/dgmoe" --version 2>/dev/null)
  if [ "$(printf '%s\n' "$out" | grep -c '')" = 1 ] && [ "${out#dgmoe }" != "$out" ]; then
    pass "archive: one made for other jars is skipped in silence (stdout is the version line only)"
  else
    fail "archive: with an archive for other jars, stdout was:"; printf '%s\n' "$out"
  fi
else
  say "SKIP archive: this JVM cannot write a dynamic archive"
fi
out=$(DGMOE_CLASS_ARCHIVE=off "$repo/bin/dgmoe" --version 2>/dev/null)
if [ "${out#dgmoe }" != "$out" ]; then
  pass "archive: DGMOE_CLASS_ARCHIVE=off starts without it"
else
  fail "archive: DGMOE_CLASS_ARCHIVE=off gave '$out'"
fi
finish
