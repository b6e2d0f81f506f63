#!/usr/bin/env bash
# All tests of dgmoe: every module's unit and Spark tests (`mvn -B verify`), then the output
# folder's lock tried with real processes (scripts/lock-test.sh: two studies at once, a killed run's
# stale lock), then the real multi-process Spark cluster that loses a worker mid-study
# (scripts/cluster-test.sh).
# README.md's test command and .ci/run both run exactly this script.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B verify
scripts/lock-test.sh
scripts/cluster-test.sh
