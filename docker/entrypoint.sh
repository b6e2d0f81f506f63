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
set -euo pipefail

SPARK_HOME=${SPARK_HOME:-/opt/spark}
DGMOE_HOME=${DGMOE_HOME:-/opt/dgmoe}
export SPARK_HOME SPARK_SCALA_VERSION=${SPARK_SCALA_VERSION:-2.13}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jar=$DGMOE_HOME/dgmoe-app.jar
# Spark 4's --add-opens flags on Java 17: the root pom's spark.jvm.opens, one line.
read -r opens <"$DGMOE_HOME/jvm-options"
# Like Spark's launcher: the Hadoop configuration (core-site.xml, hdfs-site.xml) is on the classpath.
classpath="${HADOOP_CONF_DIR:+$HADOOP_CONF_DIR:}$SPARK_HOME/jars/*"

die() { echo "entrypoint: $*" >&2; exit 2; }

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  master)
    # shellcheck disable=SC2086  # $opens is a list of flags
    exec "$java" -Xmx"${DGMOE_DAEMON_MEMORY:-512m}" $opens -cp "$classpath" \
      org.apache.spark.deploy.master.Master "$@"
    ;;
  worker)
    # shellcheck disable=SC2086
    exec "$java" -Xmx"${DGMOE_DAEMON_MEMORY:-512m}" $opens -cp "$classpath" \
      org.apache.spark.deploy.worker.Worker "$@"
    ;;
  submit)
    submit_options=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do submit_options+=("$1"); shift; done
    [ $# -gt 0 ] || die "submit: separate spark-submit options from dgmoe's arguments with --, e.g. submit --master spark://master:7077 -- sweep conf/quickstart.conf"
    shift
    # The flags reach the driver through this JVM (client mode) and the executors through
    # spark.executor.extraJavaOptions; a later --conf of the same key replaces these defaults.
    # shellcheck disable=SC2086
    exec "$java" -Xmx"${DGMOE_DRIVER_MEMORY:-1g}" $opens -cp "$classpath" org.apache.spark.deploy.SparkSubmit \
      --deploy-mode client \
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
