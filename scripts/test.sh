#!/usr/bin/env bash
# All tests of dgmoe: every module's unit and Spark tests (`mvn -B verify`), then the output
# folder's lock tried with real processes (scripts/lock-test.sh: two studies at once, a killed run's
# stale lock), bin/dgmoe's stderr as a user sees it (scripts/launcher-test.sh: no incubator-module
# line, every other line kept), the numbers the docs quote against what their commands print now
# (scripts/docs-check.sh: the quickstart, one reproduced task, the goodness-of-fit example, and
# docs/results.md's study sections through scripts/results.sh --ci), then the
# real multi-process Spark cluster that loses a worker mid-study (scripts/cluster-test.sh).
# README.md's test command and .ci/run both run exactly this script.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# ExportCommandTest runs scripts/check-export.py, which needs python3 (its standard library only) and
# fails without it. CI is a fresh Debian machine running as root: install it there.
if ! command -v python3 >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 >/dev/null
  else
    echo "test.sh: python3 is needed by scripts/check-export.py (ExportCommandTest); install it" \
      "(Debian: apt-get install python3)" >&2
    exit 1
  fi
fi
mvn -B verify
scripts/lock-test.sh
scripts/launcher-test.sh
scripts/docs-check.sh
scripts/cluster-test.sh
