#!/usr/bin/env bash
# bin/dgmoe's stderr, as a user sees it: the JDK's "WARNING: Using incubator modules: jdk.incubator.vector"
# (printed at every JVM start because the JVM flags resolve the module for the EM kernel) is dropped where
# stderr is a terminal or a pipe, and everything else the JVM prints still arrives, with dgmoe's exit status:
#
# 1. stderr a pipe: --version leaves stderr empty; an unknown command exits 2 with its message, and only it;
# 2. stderr a terminal (util-linux `script`, skipped without it): the same;
# 3. stderr a file: written by the JVM itself (no copy process that could lag behind dgmoe's exit), so the
#    message is there the moment dgmoe has exited, and the JDK's line shows the module is still resolved
#    (the vector kernel kept).
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
finish
