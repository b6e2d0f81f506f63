#!/usr/bin/env bash
# The generated blocks of docs/results.md's study sections (scripts/results_blocks.py has the sections,
# the blocks and the tolerance).
#
#   scripts/results.sh NAME              # reruns the section's study, writes docs/results-data/NAME.csv
#                                        # and rewrites NAME's block in docs/results.md (then reread its prose)
#   scripts/results.sh NAME --from DIR   # the same from a finished sweep's folder or its export
#   scripts/results.sh --list            # the sections: conf, rerun by CI or a record, cost
#   scripts/results.sh --ci [--write]    # what docs-check runs: every record's block against its CSV,
#                                        # every cheap section rerun and its block against the rerun
#   scripts/results.sh --check           # every block against its CSV alone (no study runs: seconds)
#
# Needs the built jar (bin/dgmoe builds it) and python3 (standard library only).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec python3 scripts/results_blocks.py "$@"
