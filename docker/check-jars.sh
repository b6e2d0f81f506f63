#!/usr/bin/env bash
# check-jars.sh DIR: fails when DIR holds two versions of one library (e.g. after adding the
# Kubernetes jars to the Spark runtime), which would make the classpath order decide.
# A jar's library is its file name without the version: name-1.2.3.jar -> name,
# name-1.2.3.Final-linux-x86_64.jar -> name@linux-x86_64 (a classifier is another library).
set -euo pipefail
dir=${1:?usage: check-jars.sh DIR}
library() { sed -E 's/-[0-9][^-]*(-([A-Za-z][A-Za-z0-9._-]*))?\.jar$/@\2/'; }
dupes=$(find "$dir" -maxdepth 1 -name '*.jar' -printf '%f\n' | library | sort | uniq -d)
if [ -n "$dupes" ]; then
  echo "check-jars: $dir holds more than one version of:" >&2
  find "$dir" -maxdepth 1 -name '*.jar' -printf '%f\n' | while read -r f; do
    if grep -qxF "$(echo "$f" | library)" <<<"$dupes"; then echo "  $f" >&2; fi
  done
  exit 1
fi
echo "check-jars: $(find "$dir" -maxdepth 1 -name '*.jar' | wc -l) jars, one version each"
