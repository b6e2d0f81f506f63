#!/usr/bin/env bash
# dgmoe's container entrypoint. scripts/cluster-test.sh runs this very script outside containers,
# so the commands below are the ones the cluster test exercises.
#
#   entrypoint.sh master [Master options]              e.g. --host master --port 7077 --webui-port 8080
#   entrypoint.sh worker [Worker options] MASTER_URL   e.g. --cores 4 --memory 8g spark://master:7077
#   entrypoint.sh submit [spark-submit options] -- DGMOE_ARGS
#                       client-mode spark-submit of org.dgmoe.app.Main, e.g.
#                       submit --master spark://master:7077 -- sweep conf/quickstart.conf --out /data/quickstart
#   entrypoint.sh dgmoe DGMOE_ARGS                     one JVM, embedded Spark (local[*]), like bin/dgmoe
#   entrypoint.sh driver ... | executor                Spark on Kubernetes (the contract of Spark's own image)
#   entrypoint.sh COMMAND...                           anything else is executed as given (e.g. bash)
#
# Environment:
#   SPARK_HOME            Spark's jars in $SPARK_HOME/jars (default /opt/spark); no bin/ scripts needed
#   DGMOE_HOME            dgmoe-app.jar and jvm-options (default /opt/dgmoe)
#   DGMOE_DAEMON_MEMORY   heap of the master and worker daemons (default 512m)
#   DGMOE_DRIVER_MEMORY   heap of the submit JVM, which is the driver in client mode (default 1g)
#   SPARK_LOCAL_IP        address the daemons and the driver bind to (Spark's own variable)
#   SPARK_SCALA_VERSION   2.13 unless set: a worker needs it to build the executor command from a
#                         jars-only Spark home
#
# Security (master, worker, submit; see "Security" in docs/cluster.md). A standalone master without
# authentication runs any application anyone who reaches its port submits, on every worker. So
# these roles refuse to start without the cluster's shared secret, and run with
# spark.authenticate=true, spark.network.crypto.enabled=true (auth engine version 2, AES/GCM,
# no SASL fallback):
#   DGMOE_SPARK_SECRET_FILE  a file holding the secret, one line (e.g. a Docker secret); or
#   DGMOE_SPARK_SECRET       the secret itself, removed from the environment before java starts.
#                            At least 32 printable characters, no blanks or backslashes; make one
#                            with `entrypoint.sh secret FILE` (64 hex digits from /dev/urandom).
#   DGMOE_INSECURE=1         a throwaway test on one machine only: no authentication, no encryption
#                            (a warning says so on every start).
#   DGMOE_UI_HOST            the address the master's and workers' web UIs bind to (their
#                            SPARK_LOCAL_IP; default 127.0.0.1: the UIs are not reachable from
#                            other machines). The REST submission server is always off, and so is
#                            the driver's UI unless --conf spark.ui.enabled=true.
# The secret never appears on a command line (ps): it reaches the JVM in a Spark properties file
# that is created mode 0600, opened on descriptor 3 and deleted before java starts
# (--properties-file /dev/fd/3, or --extra-properties-file for submit); the JVM reads it there.
# Executors get it from their worker in the environment variable _SPARK_AUTH_SECRET (Spark's own
# mechanism), never from the driver.
#
#   entrypoint.sh secret FILE                          creates FILE (mode 0400) with a new secret,
#                                                      unless it exists; prints nothing secret
set -euo pipefail

SPARK_HOME=${SPARK_HOME:-/opt/spark}
DGMOE_HOME=${DGMOE_HOME:-/opt/dgmoe}
export SPARK_HOME SPARK_SCALA_VERSION=${SPARK_SCALA_VERSION:-2.13}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jar=$DGMOE_HOME/dgmoe-app.jar

die() { echo "entrypoint: $*" >&2; exit 2; }

if [ "${1:-}" = secret ]; then
  [ $# -eq 2 ] || die "usage: entrypoint.sh secret FILE"
  if [ -e "$2" ]; then echo "entrypoint: $2 exists; kept" >&2; exit 0; fi
  (umask 077 && head -c 32 /dev/urandom | od -An -v -tx1 | tr -d ' \n' >"$2" && echo >>"$2") \
    || die "secret: could not write $2"
  chmod 0400 "$2"
  echo "entrypoint: wrote a new secret to $2 (mode 0400)" >&2
  exit 0
fi

# Spark 4's --add-opens flags on Java 17: the root pom's spark.jvm.opens, one line.
read -r opens <"$DGMOE_HOME/jvm-options"
# Like Spark's launcher: the Hadoop configuration (core-site.xml, hdfs-site.xml) is on the classpath.
classpath="${HADOOP_CONF_DIR:+$HADOOP_CONF_DIR:}$SPARK_HOME/jars/*"

# The shared secret into $secret, from DGMOE_SPARK_SECRET_FILE or DGMOE_SPARK_SECRET; or none with
# DGMOE_INSECURE=1 (loudly). Dies when there is none.
secret=
read_secret() {
  local role=$1 file=${DGMOE_SPARK_SECRET_FILE:-} mode
  if [ -n "$file" ]; then
    [ -f "$file" ] && [ -r "$file" ] || die "$role: the secret file DGMOE_SPARK_SECRET_FILE=$file is not a readable file"
    IFS= read -r secret <"$file" || [ -n "$secret" ] || die "$role: the secret file $file is empty"
    mode=$(stat -c %a "$file" 2>/dev/null || echo 0)
    case $mode in *[1-7]) echo "entrypoint: warning: $file is readable by others (mode $mode); chmod 600 it" >&2 ;; esac
  elif [ -n "${DGMOE_SPARK_SECRET:-}" ]; then
    secret=$DGMOE_SPARK_SECRET
  fi
  unset DGMOE_SPARK_SECRET
  if [ -z "$secret" ]; then
    if [ "${DGMOE_INSECURE:-}" = 1 ]; then
      {
        echo "entrypoint: ###################################################################"
        echo "entrypoint: WARNING: $role runs WITHOUT authentication and WITHOUT encryption"
        echo "entrypoint: (DGMOE_INSECURE=1). Anyone who reaches its ports can run code on the"
        echo "entrypoint: workers and read the data. Only for a throwaway test on one machine."
        echo "entrypoint: ###################################################################"
      } >&2
      return 0
    fi
    die "$role: no shared secret. Set DGMOE_SPARK_SECRET_FILE to a file holding it (create one with
  entrypoint.sh secret FILE) or DGMOE_SPARK_SECRET; or DGMOE_INSECURE=1 for a throwaway local test
  without authentication (see Security in docs/cluster.md)"
  fi
  [ "${DGMOE_INSECURE:-}" != 1 ] || die "$role: DGMOE_INSECURE=1 and a secret given; choose one"
  [ ${#secret} -ge 32 ] || die "$role: the secret has ${#secret} characters; at least 32 are needed"
  [[ $secret =~ ^[[:graph:]]+$ && $secret != *'\'* ]] || die "$role: the secret must be printable characters without blanks or backslashes"
}

# props_fd ROLE [FILE]: Spark properties for ROLE on descriptor 3, in a file deleted at once (the
# JVM reads /dev/fd/3): FILE's lines first (the daemons' own defaults), then the security settings,
# which win. Nothing of this is on a command line.
props_fd() {
  local role=$1 defaults=${2:-} f
  f=$(umask 077 && mktemp "${TMPDIR:-/tmp}/dgmoe-spark-conf.XXXXXX") || die "$role: mktemp failed"
  {
    if [ -n "$defaults" ]; then cat "$defaults" && echo; fi
    echo "# entrypoint.sh: security settings"
    if [ -n "$secret" ]; then
      echo "spark.authenticate=true"
      printf 'spark.authenticate.secret=%s\n' "$secret"
      echo "spark.network.crypto.enabled=true"
      # Spark's defaults are auth engine version 1 (no HKDF) and AES/CTR (no integrity: a
      # man in the middle can alter messages); every process must use the same two settings.
      echo "spark.network.crypto.authEngineVersion=2"
      echo "spark.network.crypto.cipher=AES/GCM/NoPadding"
      echo "spark.network.crypto.saslFallback=false"
    fi
    if [ "$role" != submit ]; then
      echo "spark.master.rest.enabled=false"
      echo "spark.ui.killEnabled=false"
    fi
  } >"$f" || { rm -f "$f"; die "$role: could not write $f"; }
  exec 3<"$f"
  rm -f "$f"
}

# daemon ROLE CLASS ARGS...: a standalone master or worker, secured.
daemon() {
  local role=$1 class=$2; shift 2
  local args=() defaults= has_host=false
  while [ $# -gt 0 ]; do
    case $1 in
      --properties-file) defaults=${2:?--properties-file needs a file}; shift 2; continue ;;
      --properties-file=*) defaults=${1#*=}; shift; continue ;;
      -h|--host|-i|--ip|--host=*|--ip=*) has_host=true ;;
    esac
    args+=("$1"); shift
  done
  # The UI binds to SPARK_LOCAL_IP; so would the RPC port without --host.
  $has_host || die "$role: give --host ADDRESS (the address the other processes reach it at); the web UI binds to DGMOE_UI_HOST (default 127.0.0.1)"
  if [ -z "$defaults" ]; then
    defaults=${SPARK_CONF_DIR:-$SPARK_HOME/conf}/spark-defaults.conf
    [ -f "$defaults" ] || defaults=
  fi
  [ -z "$defaults" ] || [ -r "$defaults" ] || die "$role: cannot read the properties file $defaults"
  read_secret "$role"
  props_fd "$role" "$defaults"
  secret=
  export SPARK_LOCAL_IP=${DGMOE_UI_HOST:-127.0.0.1}
  # shellcheck disable=SC2086  # $opens is a list of flags
  exec "$java" -Xmx"${DGMOE_DAEMON_MEMORY:-512m}" $opens -cp "$classpath" \
    "$class" --properties-file /dev/fd/3 "${args[@]}"
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  master)
    daemon master org.apache.spark.deploy.master.Master "$@"
    ;;
  worker)
    daemon worker org.apache.spark.deploy.worker.Worker "$@"
    ;;
  submit)
    submit_options=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do submit_options+=("$1"); shift; done
    [ $# -gt 0 ] || die "submit: separate spark-submit options from dgmoe's arguments with --, e.g. submit --master spark://master:7077 -- sweep conf/quickstart.conf"
    shift
    # The security settings come in a properties file (descriptor 3): after --conf and a
    # --properties-file of the command line, before spark-defaults.conf. spark.authenticate=true
    # reaches the executors' command line, the secret does not: their worker hands them its own.
    read_secret submit
    props_fd submit
    secret=
    # The flags reach the driver through this JVM (client mode) and the executors through
    # spark.executor.extraJavaOptions; a later --conf of the same key replaces these defaults.
    # shellcheck disable=SC2086
    exec "$java" -Xmx"${DGMOE_DRIVER_MEMORY:-1g}" $opens -cp "$classpath" org.apache.spark.deploy.SparkSubmit \
      --deploy-mode client \
      --extra-properties-file /dev/fd/3 \
      --conf spark.ui.enabled=false \
      --conf "spark.driver.extraJavaOptions=$opens" \
      --conf "spark.executor.extraJavaOptions=$opens" \
      --conf "spark.executorEnv.SPARK_SCALA_VERSION=$SPARK_SCALA_VERSION" \
      --class org.dgmoe.app.Main \
      "${submit_options[@]}" "$jar" "$@"
    ;;
  dgmoe)
    # shellcheck disable=SC2086
    exec "$java" $opens ${DGMOE_JAVA_OPTS:-} -cp "$jar:$classpath" org.dgmoe.app.Main "$@"
    ;;
  driver)
    # Kubernetes cluster mode: the driver pod runs spark-submit in client mode inside the pod. Spark's
    # launcher library builds the driver's java command, as bin/spark-class would: it applies
    # spark.driver.memory and spark.driver.extraJavaOptions from the properties file Spark mounts.
    : "${SPARK_DRIVER_BIND_ADDRESS:?is set by Spark in a driver pod}"
    export SPARK_SUBMIT_OPTS="$opens ${SPARK_SUBMIT_OPTS:-}"
    # Its output: informational lines, NUL, newline, then the command's words, each ended by NUL.
    driver_command=()
    marker=true
    while IFS= read -r -d '' arg; do
      if $marker; then marker=false; else driver_command+=("${arg#$'\n'}"); fi
    done < <(
      "$java" -Xmx128m -cp "$classpath" org.apache.spark.launcher.Main org.apache.spark.deploy.SparkSubmit \
        --conf "spark.driver.bindAddress=$SPARK_DRIVER_BIND_ADDRESS" --deploy-mode client "$@")
    [ ${#driver_command[@]} -gt 0 ] || die "driver: Spark's launcher built no command"
    exec "${driver_command[@]}"
    ;;
  executor)
    # Kubernetes executor pod: Spark passes everything in the environment; SPARK_JAVA_OPT_<i> hold
    # spark.executor.extraJavaOptions. Spark 4's JVM flags are added here whatever the submit said.
    # shellcheck disable=SC2206
    java_opts=($opens)
    while IFS= read -r o; do [ -n "$o" ] && java_opts+=("$o"); done < <(
      env | grep '^SPARK_JAVA_OPT_' | sort -t_ -k4 -n | sed 's/[^=]*=\(.*\)/\1/')
    exec "$java" "${java_opts[@]}" -Xms"$SPARK_EXECUTOR_MEMORY" -Xmx"$SPARK_EXECUTOR_MEMORY" \
      -cp "${SPARK_CONF_DIR:-$SPARK_HOME/conf}:$classpath${SPARK_EXTRA_CLASSPATH:+:$SPARK_EXTRA_CLASSPATH}" \
      org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend \
      --driver-url "$SPARK_DRIVER_URL" --executor-id "$SPARK_EXECUTOR_ID" --cores "$SPARK_EXECUTOR_CORES" \
      --app-id "$SPARK_APPLICATION_ID" --hostname "$SPARK_EXECUTOR_POD_IP" \
      --resourceProfileId "$SPARK_RESOURCE_PROFILE_ID" --podName "$SPARK_EXECUTOR_POD_NAME"
    ;;
  "")
    die "usage: entrypoint.sh master|worker|submit|dgmoe|driver|executor [ARGS...] (see the header of $0)"
    ;;
  *)
    exec "$command" "$@"
    ;;
esac
