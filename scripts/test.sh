#!/usr/bin/env bash
# All tests of dgmoe: every module's unit and Spark tests (`mvn -B verify`), then the real
# multi-process Spark cluster that loses a worker mid-study (scripts/cluster-test.sh).
# README.md's test command and .ci/run both run exactly this script.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B verify
scripts/cluster-test.sh
