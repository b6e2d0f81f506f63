#!/usr/bin/env bash
# The cluster test: a real multi-process Spark standalone cluster on this machine that loses a
# worker in the middle of a study, and must still produce exactly the rows of an embedded run.
#
#   scripts/cluster-test.sh            (DGMOE_MVN_ARGS=-o for an offline build; KEEP=1 keeps the logs)
#
# 1. builds dgmoe if needed (bin/dgmoe) and assembles a Spark home from the project's own Maven
#    dependencies (Spark's runtime, the `provided` scope: no Spark download, no bin/ scripts);
# 2. makes a shared secret (entrypoint.sh secret), checks that entrypoint.sh refuses to start a
#    master, a worker or a submit without one, starts a standalone master and two 1-core workers
#    on 127.0.0.1 with docker/entrypoint.sh, authenticated and encrypted (spark.authenticate,
#    spark.network.crypto.enabled), and meanwhile runs the study on local[2] with bin/dgmoe: the
#    reference;
# 3. submits the same study in client mode with the secret (docker/entrypoint.sh submit = SparkSubmit);
# 4. once worker 1's executor has finished a task and started the next, checks that the secret is
#    in no process's command line (ps) and reaches the executor in its environment, then kills that
#    worker and the executor it launched (kill -9: what a lost machine does);
# 5. checks that the sweep still finished (exit 0, _SUCCESS, manifest.json), that the driver
#    reran the lost task, that fits/ has one row per task, and that its rows equal the
#    reference's in every column but the timings, both read with DuckDB
#    (scripts/tools/TablesDump.java, which also compares curves/ and rates/), not with Spark; then runs the study once more on
#    local[1] with 17 partitions and checks its rows equal the reference's too; then, with the
#    cores idle, submits the study twice, one after the other, where the master must refuse it (no secret:
#    DGMOE_INSECURE=1; a wrong secret) and checks that both exited non-zero within their timeout, refused by the master (Spark's
#    "Authentication failed" / "Unknown challenge message"), with no application registered, no
#    executor launched and no file written, and that the secret is in no log;
# 6. stops everything it started, by process id (also on failure), and deletes its folder.
# Ports are chosen free at run time; everything binds to 127.0.0.1.
# The last line is "N passed, N failed"; the exit status is non-zero on any failure.
set -uo pipefail

repo=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo" || exit 2
started=$(date +%s)

# The study: conf/quickstart.conf cut to 2 settings x 4 sizes x 10 replicates = 80 tasks, about
# 30-40 s of CPU; the largest fits (n = 10 000) run first, so a worker dies with most tasks to go.
study=(conf/quickstart.conf
  --set dgmoe.study.replicates=10
  --set 'dgmoe.study.sample-sizes={min=1000, max=10000, count=4, spacing=log}')
tasks=80
timeout_run=${CLUSTER_TEST_TIMEOUT:-300}   # seconds, each sweep
# A refused driver gives up after Spark's 3 registration retries, 20 s apart (fixed in Spark's
# StandaloneAppClient): about 60 s after its JVM started; 157 s in all measured with seven other agents loading the
# 2 cores (load average 24). Both run at the end, when the study runs are over.
timeout_refused=300

passed=0
failed=0
pids=()        # every process this script started, stopped by id at exit
say() { echo "cluster-test: $*"; }
pass() { passed=$((passed + 1)); say "PASS $*"; }
fail() { failed=$((failed + 1)); say "FAIL $*"; }
elapsed() { echo $(($(date +%s) - started)); }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dgmoe-cluster-test.XXXXXX") || exit 2
logs=$tmp/logs
mkdir -p "$logs"

# Stops what this script started: each process by id (TERM, then KILL after 10 s), including the
# executors the workers launched (children of a worker's JVM).
stop_all() {
  local p c all=()
  for p in "${pids[@]}"; do
    all+=("$p")
    for c in $(pgrep -P "$p" 2>/dev/null); do all+=("$c"); done
  done
  [ ${#all[@]} -gt 0 ] || return 0
  for p in "${all[@]}"; do kill -TERM "$p" 2>/dev/null; done
  local deadline=$(($(date +%s) + 10))
  for p in "${all[@]}"; do
    while kill -0 "$p" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.2; done
    kill -KILL "$p" 2>/dev/null
  done
  for p in "${all[@]}"; do wait "$p" 2>/dev/null; done
  pids=()
}
# forget PID: a process that ended and was waited for (its id may be reused: never signal it again).
forget() {
  local p kept=()
  for p in "${pids[@]}"; do [ "$p" = "$1" ] || kept+=("$p"); done
  pids=("${kept[@]}")
}
cleanup() {
  stop_all
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Prints the last lines of a log, indented, for a failure's diagnosis.
show() { say "--- last lines of $1"; tail -n "${2:-25}" "$1" 2>/dev/null | sed 's/^/    /'; }

finish() {
  say "took $(elapsed) s"
  stop_all
  if [ "${KEEP:-0}" = 1 ]; then say "kept $tmp"; fi
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}
abort() { fail "$*"; finish; }

# free_port VAR: sets VAR to a free TCP port on 127.0.0.1 (nothing listens on it) not handed out before.
used_ports=" "
free_port() {
  local p i
  for i in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    case $used_ports in *" $p "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      used_ports+="$p "
      printf -v "$1" %s "$p"
      return 0
    fi
  done
  return 1
}

# wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.5 s until it succeeds.
wait_for() {
  local seconds=$1 what=$2; shift 2
  local deadline=$(($(date +%s) + seconds))
  until "$@"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      say "timed out after ${seconds} s waiting for $what"
      return 1
    fi
    sleep 0.5
  done
}

mvn_args=${DGMOE_MVN_ARGS:-}
export SPARK_LOCAL_IP=127.0.0.1

# --- 1. build and Spark home ----------------------------------------------------------------------
"$repo/bin/dgmoe" --version >"$logs/build.out" 2>"$logs/build.err" \
  || { show "$logs/build.err"; abort "dgmoe does not build (bin/dgmoe --version)"; }

# The Spark home and dgmoe home, as docker/Dockerfile builds them: Spark's runtime is the
# project's `provided` scope, copied from Maven.
export SPARK_HOME=$tmp/spark DGMOE_HOME=$tmp/dgmoe SPARK_SCALA_VERSION=2.13
export SPARK_LOCAL_DIRS=$tmp/spark-local
mkdir -p "$SPARK_HOME/jars" "$DGMOE_HOME" "$SPARK_LOCAL_DIRS"
cp spark-jobs/target/dgmoe-app.jar spark-jobs/target/launcher/jvm-options "$DGMOE_HOME/"
duckdb_version=$(sed -n 's:.*<duckdb.version>\(.*\)</duckdb.version>.*:\1:p' pom.xml)
# shellcheck disable=SC2086  # mvn_args is a list
# `compile` in the same invocation lets Maven resolve dgmoe-core from the reactor (its
# target/classes); a goal alone would look for it in ~/.m2, where a fresh machine has none.
( mvn -q -B $mvn_args -pl spark-jobs -am compile dependency:copy-dependencies -DincludeScope=provided \
    -DoutputDirectory="$SPARK_HOME/jars" >"$logs/spark-home.log" 2>&1 || exit 1
  mvn -q -B $mvn_args dependency:copy -Dartifact="org.duckdb:duckdb_jdbc:$duckdb_version" \
    -DoutputDirectory="$tmp/reader" >"$logs/reader.log" 2>&1 || exit 2 ) &
homes_pid=$!
pids+=("$homes_pid")
homes_done() { ! kill -0 "$homes_pid" 2>/dev/null; }   # in the background only for the timeout
wait_for 300 "Maven to assemble the Spark home" homes_done || abort "the Spark home was not assembled in time"
wait "$homes_pid"
homes_rc=$?
forget "$homes_pid"
case $homes_rc in
  0) ;;
  1) show "$logs/spark-home.log"; abort "could not assemble the Spark home from Maven (offline? DGMOE_MVN_ARGS=-o needs a filled ~/.m2)" ;;
  *) show "$logs/reader.log"; abort "could not fetch org.duckdb:duckdb_jdbc:$duckdb_version (the reader of the check)" ;;
esac
say "Spark home: $(ls "$SPARK_HOME/jars" | wc -l) jars from Maven at $(elapsed) s"
entry=$repo/docker/entrypoint.sh

# --- 2. the secret, master and two workers, and the reference run ----------------------------------
# The cluster's secret, and another one for the submission that must be refused. The script holds
# the secret only in files and in its own memory (read with a builtin, never passed as an argument).
secret_file=$tmp/spark-secret
"$entry" secret "$secret_file" 2>"$logs/secret.log" && "$entry" secret "$tmp/wrong-secret" 2>>"$logs/secret.log" \
  || { show "$logs/secret.log"; abort "entrypoint.sh secret could not make a secret"; }
unset DGMOE_SPARK_SECRET DGMOE_SPARK_SECRET_FILE DGMOE_INSECURE DGMOE_UI_HOST
free_port master_port && free_port master_ui && free_port worker1_ui && free_port worker2_ui \
  || abort "found no free port"
# Without a secret (and without DGMOE_INSECURE=1) the entrypoint must refuse each role at once,
# before any JVM starts.
refusals=""
for role in "master --host 127.0.0.1 --port $master_port" \
  "worker --host 127.0.0.1 spark://127.0.0.1:$master_port" "submit --master spark://127.0.0.1:$master_port -- help"; do
  # shellcheck disable=SC2086  # $role is a command line
  timeout 20 "$entry" $role >"$logs/no-secret.log" 2>&1
  rc=$?
  grep -q 'no shared secret' "$logs/no-secret.log" && [ $rc -eq 2 ] || refusals+=" ${role%% *} (exit $rc)"
done
if [ -z "$refusals" ] && ! (exec 3<>"/dev/tcp/127.0.0.1/$master_port") 2>/dev/null; then
  pass "entrypoint.sh refuses to start a master, a worker or a submit without a secret (exit 2, no JVM)"
else
  show "$logs/no-secret.log"
  fail "entrypoint.sh started without a secret:$refusals"
fi

DGMOE_DAEMON_MEMORY=256m DGMOE_SPARK_SECRET_FILE=$secret_file "$entry" master --host 127.0.0.1 --port "$master_port" --webui-port "$master_ui" \
  >"$logs/master.log" 2>&1 &
master_pid=$!
pids+=("$master_pid")
master_json() { curl -sf --max-time 2 "http://127.0.0.1:$master_ui/json/"; }
alive_workers() { master_json | tr -d ' \n' | sed -n 's/.*"aliveworkers":\([0-9]*\).*/\1/p'; }
master_up() { kill -0 "$master_pid" 2>/dev/null || return 2; master_json >/dev/null; }
if ! wait_for 60 "the master's web UI on port $master_ui" master_up; then
  show "$logs/master.log"
  abort "the standalone master did not start"
fi
master_url=$(master_json | tr -d ' \n' | sed -n 's/.*"url":"\(spark:[^"]*\)".*/\1/p')
[ -n "$master_url" ] || abort "the master's JSON has no url: $(master_json | head -c 300)"

worker_pids=()
for w in 1 2; do
  mkdir -p "$tmp/worker$w"
  ui_var=worker${w}_ui
  DGMOE_DAEMON_MEMORY=256m DGMOE_SPARK_SECRET_FILE=$secret_file "$entry" worker --host 127.0.0.1 --cores 1 --memory 1g \
    --webui-port "${!ui_var}" --work-dir "$tmp/worker$w" "$master_url" >"$logs/worker$w.log" 2>&1 &
  worker_pids+=($!)
  pids+=($!)
done

# The submissions the master must refuse: one that does not authenticate at all (DGMOE_INSECURE=1,
# what anyone who reaches the port could send) and one with a wrong secret. The scheduler settings
# make the driver wait for its executors before the study starts (these never come), so that a
# refused driver writes nothing but fails when Spark gives up registering.
#
# They run last, on an otherwise idle machine (section 5). Spark's client gives each of its three
# registration attempts 20 s (hard-wired, not a setting) and interrupts an attempt whose connection
# has not finished by then. Started beside the local[2] reference run, on two cores busy with it and
# with the daemons' start-up, an attempt's authentication handshake could take longer than that: the
# submission was still refused, but by the timeout, so its log lacked the master's reason and the
# check below (which wants that reason) failed (once, in a fresh-clone CI run of stop 32). With the cores free the master
# answers the handshake at once.
refused_submit() {  # NAME ENV-ASSIGNMENT: in the background, writes "EXIT SECONDS" to $logs/NAME.rc
  local name=$1 setting=$2
  ( t0=$(date +%s)
    env "$setting" DGMOE_DRIVER_MEMORY=512m \
      timeout "$timeout_refused" "$entry" submit --master "$master_url" \
      --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
      --conf spark.ui.enabled=false --conf spark.executor.memory=768m --conf spark.cores.max=2 \
      --conf spark.scheduler.minRegisteredResourcesRatio=1.0 \
      --conf spark.scheduler.maxRegisteredResourcesWaitingTime=300s \
      -- sweep "${study[@]}" --out "$tmp/$name" >"$logs/$name.out" 2>"$logs/$name.err"
    echo "$? $(($(date +%s) - t0))" >"$logs/$name.rc" ) &
  pids+=($!)
  refused_pids+=($!)
}
refused_pids=()

# The reference run, while the daemons start.
say "reference: the study on local[2] with bin/dgmoe ($tasks tasks)"
ref=$tmp/local
timeout "$timeout_run" "$repo/bin/dgmoe" sweep "${study[@]}" --out "$ref" --master 'local[2]' \
  >"$logs/local.out" 2>"$logs/local.err"
rc=$?
if [ $rc -eq 0 ] && [ -f "$ref/_SUCCESS" ] && [ -f "$ref/manifest.json" ]; then
  pass "local[2] sweep finished (exit 0, _SUCCESS, manifest.json) at $(elapsed) s"
else
  show "$logs/local.err"
  abort "local[2] sweep: exit $rc (124 = timed out after $timeout_run s), _SUCCESS $( [ -f "$ref/_SUCCESS" ] && echo present || echo missing)"
fi


two_workers() { [ "$(alive_workers)" = 2 ]; }
if wait_for 60 "two alive workers at $master_url" two_workers; then
  pass "standalone master $master_url with 2 alive workers (1 core each) at $(elapsed) s"
  auth_logs=$(grep -l 'SecurityManager: authentication enabled' "$logs/master.log" "$logs/worker1.log" \
    "$logs/worker2.log" 2>/dev/null | wc -l)
  if [ "$auth_logs" = 3 ]; then
    pass "master and workers run with authentication enabled (their SecurityManager says so)"
  else
    fail "authentication is not enabled in $((3 - auth_logs)) of master and workers"
  fi
else
  show "$logs/worker1.log"; show "$logs/worker2.log"
  abort "the workers did not register with the master (alive: $(alive_workers))"
fi

# --- 3. submit the study ----------------------------------------------------------------------------
out=$tmp/cluster
# The driver runs in this JVM (client mode) and must be reachable on 127.0.0.1: the sweep applies
# its embedded settings only to local masters, so the submit sets the driver's address itself.
timeout "$timeout_run" env DGMOE_SPARK_SECRET_FILE="$secret_file" "$entry" submit --master "$master_url" \
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
  --conf spark.ui.enabled=false --conf spark.executor.memory=768m \
  -- sweep "${study[@]}" --out "$out" >"$logs/submit.out" 2>"$logs/submit.err" &
submit_pid=$!
pids+=("$submit_pid")
say "submitted the study to $master_url at $(elapsed) s"

# --- 4. kill a worker and its executor while tasks run ---------------------------------------------
victim=${worker_pids[0]}
executor_of() { pgrep -P "$1" -f CoarseGrainedExecutorBackend | head -n 1; }
finished_chunks() { compgen -G "$out/.staging/tasks/part-*.parquet" | wc -l; }
# The victim's executor has finished a task and is running the next one (its own log says so).
mid_task() {
  local log last
  log=$(compgen -G "$tmp/worker1/app-*/*/stderr" | head -n 1)
  [ -n "$log" ] && grep -q 'Executor: Finished task' "$log" || return 1
  last=$(grep -E 'Executor: (Running|Finished) task' "$log" | tail -n 1)
  [[ $last == *"Running task"* ]] && [ -n "$(executor_of "$victim")" ]
}
ready_to_kill() {
  kill -0 "$submit_pid" 2>/dev/null || return 0   # the sweep ended: stop waiting, checked below
  mid_task
}
if ! wait_for 180 "worker 1's executor to finish a task and start another" ready_to_kill; then
  show "$logs/submit.err"
  abort "no progress to interrupt"
fi
if ! kill -0 "$submit_pid" 2>/dev/null; then
  show "$logs/submit.err"
  abort "the sweep ended before a worker could be killed (too few tasks for this machine, or it failed)"
fi
executor=$(executor_of "$victim")
chunks_at_kill=$(finished_chunks)
# Now master, workers, executors and driver all run: the secret must be in no command line on
# this machine (grep -f: the secret is not on grep's command line either).
jvms=$(ps -eo args | grep -c '^[^ ]*java ')
in_argv=$(ps -eo args | grep -cF -f "$secret_file")
executor_args=$(ps -o args= -p "$executor")
executor_env=$(tr '\0' '\n' <"/proc/$executor/environ" 2>/dev/null | grep -c '^_SPARK_AUTH_SECRET=')
has() { [[ $executor_args == *" -D$1 "* || $executor_args == *" -D$1" ]] && echo yes || echo no; }
if [ "$in_argv" = 0 ] && [ "$(has spark.authenticate=true)" = yes ] && [ "$(has spark.network.crypto.enabled=true)" = yes ] \
  && [ "$(has spark.network.crypto.cipher=AES/GCM/NoPadding)" = yes ] && [ "$executor_env" = 1 ]; then
  pass "the secret is on none of the $jvms java command lines on this machine (ps -eo args); the executor runs with spark.authenticate=true, spark.network.crypto.enabled=true, AES/GCM and gets the secret in _SPARK_AUTH_SECRET from its worker"
else
  fail "secret on $in_argv command line(s); executor: authenticate $(has spark.authenticate=true), crypto $(has spark.network.crypto.enabled=true), GCM $(has spark.network.crypto.cipher=AES/GCM/NoPadding), _SPARK_AUTH_SECRET in its environment: $executor_env"
fi
gone() { ! kill -0 "$victim" 2>/dev/null && ! kill -0 "$executor" 2>/dev/null; }
{ # (stderr: bash's "Killed" job notice)
  kill -KILL "$victim" "$executor"
  say "killed worker 1 (pid $victim) and its executor (pid $executor) at $(elapsed) s ($chunks_at_kill part(s) of fits saved so far)"
  wait_for 10 "worker 1 to die" gone || abort "worker 1 or its executor survived kill -9"
  wait "$victim"
} 2>/dev/null
forget "$victim"
if kill -0 "$submit_pid" 2>/dev/null; then
  pass "a worker and its executor died while the sweep ran"
else
  fail "the sweep had already ended when the worker died"
fi

# --- 5. the outcome -----------------------------------------------------------------------------------
submit_done() { ! kill -0 "$submit_pid" 2>/dev/null; }
wait_for "$((timeout_run + 15))" "the sweep to finish" submit_done
wait "$submit_pid"
rc=$?
forget "$submit_pid"
say "the submitted sweep exited with status $rc at $(elapsed) s"
if [ $rc -eq 0 ] && [ -f "$out/_SUCCESS" ] && [ -f "$out/manifest.json" ]; then
  pass "cluster sweep finished (exit 0, _SUCCESS, manifest.json)"
else
  show "$logs/submit.err" 40
  fail "cluster sweep: exit $rc (124 = timed out), _SUCCESS $( [ -f "$out/_SUCCESS" ] && echo present || echo missing), manifest.json $( [ -f "$out/manifest.json" ] && echo present || echo missing)"
fi
if grep -q '"master" *: *"spark://' "$out/manifest.json" 2>/dev/null; then
  pass "the manifest records the standalone master"
else
  fail "the manifest does not record a spark:// master: $(grep -o '"master"[^,]*' "$out/manifest.json" 2>/dev/null)"
fi
# Spark logs a task whose executor died under it as "Lost task ... ExecutorLostFailure" or, when
# the cluster manager reported the loss first, as "... its executor exited for a reason unrelated".
rerun=$(grep -c -E 'Lost task .*ExecutorLostFailure|its executor exited for a reason unrelated' "$logs/submit.err")
if grep -q 'Lost executor' "$logs/submit.err" && [ "$rerun" -ge 1 ]; then
  pass "the driver lost the executor in the middle of $rerun task(s) and ran them again elsewhere"
else
  grep -E 'Lost|executor exited' "$logs/submit.err" | head -n 10 | sed 's/^/    /'
  fail "the driver's log shows no task lost with the executor (Lost executor: $(grep -c 'Lost executor' "$logs/submit.err"), tasks rerun: $rerun)"
fi

# A third run, now that the cluster's cores are idle again: local[1] with at most 17 partitions
# of about equal expected cost, against local[2]'s own batching), for the determinism the sweep promises.
say "local[1] --partitions 17: the study again on one thread"
timeout "$timeout_run" "$repo/bin/dgmoe" sweep "${study[@]}" --out "$tmp/local1" --master 'local[1]' \
  --partitions 17 >"$logs/local1.out" 2>"$logs/local1.err"
rc=$?
if [ $rc -eq 0 ] && [ -f "$tmp/local1/_SUCCESS" ]; then
  pass "local[1] --partitions 17 sweep finished at $(elapsed) s"
else
  show "$logs/local1.err"
  fail "local[1] sweep: exit $rc (124 = timed out after $timeout_run s)"
fi

# The refused submissions, now that nothing else runs: a non-zero exit within the timeout, the
# master's refusal in the driver's log, no application registered, no executor launched, no file
# written.
# One after the other, not side by side: each handshake then has the cores to itself (two at once, beside a
# loaded machine's other work, let the wrong-secret driver's three 20 s attempts run out before the master's
# answer once, in stop 34's fresh-clone run: refused, but by the timeout, without the master's reason).
refused_done() { local p; for p in "${refused_pids[@]}"; do kill -0 "$p" 2>/dev/null && return 1; done; return 0; }
refused_submit refused-no-secret DGMOE_INSECURE=1
say "submitted the study without the secret at $(elapsed) s (it must be refused)"
wait_for "$((timeout_refused + 15))" "the submission without the secret to end" refused_done
refused_submit refused-wrong-secret "DGMOE_SPARK_SECRET_FILE=$tmp/wrong-secret"
say "submitted the study with a wrong secret at $(elapsed) s (it must be refused)"
wait_for "$((timeout_refused + 15))" "the submission with a wrong secret to end" refused_done
for p in "${refused_pids[@]}"; do wait "$p" 2>/dev/null; forget "$p"; done
# Every application id the master ever handed out or launched an executor for, and the executor
# folders of both workers.
apps=$(grep -oE 'app-[0-9]+-[0-9]{4}' "$logs/master.log" | sort -u | wc -l)
app_dirs=$(compgen -G "$tmp/worker[12]/app-*" | sed 's:.*/::' | sort -u | wc -l)
for name in refused-no-secret refused-wrong-secret; do
  read -r rc seconds <"$logs/$name.rc" 2>/dev/null || { rc=none; seconds=?; }
  files=$(find "$tmp/$name" -type f 2>/dev/null | wc -l)
  why=$(grep -oE 'IllegalArgumentException: (Authentication failed|Unknown challenge message)' "$logs/$name.err" | sort -u | sed 's/.*: //' | paste -sd, -)
  if [ "$rc" != none ] && [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && [ -n "$why" ] && [ "$files" = 0 ] \
    && [ "$apps" = 1 ] && [ "$app_dirs" = 1 ] && grep -q 'the Spark session could not start' "$logs/$name.err"; then
    pass "${name#refused-} submission refused by the master (\"$why\"): exit $rc after $seconds s, no application registered, no executor launched, no file written"
  else
    grep -E 'Failed to connect|Caused by|dgmoe sweep' "$logs/$name.err" | sort | uniq -c | head -n 8 | cut -c 1-200 | sed 's/^/    /'
    fail "${name#refused-} submission: exit $rc after $seconds s (124 = not refused within $timeout_refused s), refusal: ${why:-none}, $files file(s) written, $apps application(s) at the master, $app_dirs executor folder(s)"
  fi
done

# Rows, read with DuckDB: one row per task, and equal rows in every run (timings aside).
dump() {  # dump NAME: $tmp/NAME.txt from $tmp/NAME (fits, curves, rates); prints rows=R keys=K of fits/
  java -Djava.io.tmpdir="$tmp" -cp "$tmp/reader/duckdb_jdbc-$duckdb_version.jar" \
    scripts/tools/TablesDump.java "$tmp/$1" "$tmp/$1.txt" 2>"$logs/dump-$1.err" | sed -n 's/^fits: //p'
}
for run in local cluster local1; do
  counts=$(dump "$run") || { show "$logs/dump-$run.err"; fail "could not read $run tables with DuckDB"; continue; }
  if [ "$counts" = "rows=$tasks keys=$tasks" ]; then
    pass "$run fits/: one row per task ($counts)"
  else
    fail "$run fits/: $counts, expected rows=$tasks keys=$tasks"
  fi
done
if [ -s "$tmp/local.txt" ] && [ -s "$tmp/cluster.txt" ]; then
  if diff -q "$tmp/local.txt" "$tmp/cluster.txt" >/dev/null; then
    pass "cluster fits, curves and rates equal local[2]'s ($(sed -n 2p "$tmp/local.txt" | wc -w) columns of fits/, all but millis, fit_millis)"
  else
    diff "$tmp/local.txt" "$tmp/cluster.txt" | head -n 10 | cut -c 1-300 | sed 's/^/    /'
    fail "cluster rows differ from local[2] rows ($(diff "$tmp/local.txt" "$tmp/cluster.txt" | grep -c '^>') line(s))"
  fi
fi
if [ -s "$tmp/local.txt" ] && [ -s "$tmp/local1.txt" ]; then
  if diff -q "$tmp/local.txt" "$tmp/local1.txt" >/dev/null; then
    pass "local[1] (17 partitions) fits, curves and rates equal local[2]'s (batched by expected cost)"
  else
    diff "$tmp/local.txt" "$tmp/local1.txt" | head -n 10 | cut -c 1-300 | sed 's/^/    /'
    fail "local[1] rows differ from local[2] rows ($(diff "$tmp/local.txt" "$tmp/local1.txt" | grep -c '^>') line(s))"
  fi
fi

# --- 6. stop everything, by id ----------------------------------------------------------------------
ours=("${pids[@]}")
for p in "${pids[@]}"; do ours+=($(pgrep -P "$p")); done
stop_all
left=$(for p in "${ours[@]}"; do kill -0 "$p" 2>/dev/null && echo "$p"; done)
if [ -z "$left" ]; then pass "master, workers, executors and driver stopped"; else fail "still running: $left"; fi
leaks=$(grep -rlF -f "$secret_file" "$logs" "$tmp/worker1" "$tmp/worker2" "$tmp/cluster" 2>/dev/null)
if [ -z "$leaks" ]; then
  pass "the secret is in no log (master, workers, drivers, executors) and no output"
else
  fail "the secret is written in: $leaks"
fi
finish
