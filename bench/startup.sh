#!/usr/bin/env bash
# Startup and footprint benchmark: starts its own suite (fresh data under target/bench-startup) for
# PostgreSQL, Kafka and S3, then for each service starts one more instance of its packaged jar (JVM
# mode, the suite's configuration, a port of its own) twice, as deploy/local does: a first start
# that records a class-data archive when it stops, and a start that maps it. It prints, measured in
# this one run:
#   - the time from launching the JVM until /q/health/ready answers UP (database, Kafka and bucket
#     checked), and the start time Quarkus itself logs;
#   - the resident memory (VmRSS) after the instance has been idle for BENCH_IDLE seconds (10).
# Targets (issue 6): ready in under 3 s, under 200 MB RSS when idle.
#
# The JVM options are BENCH_JAVA_OPTS, by default the ones run.sh gives the services (Settings in
# deploy/local): a heap of up to 384 MiB, the serial collector, and the C heap trimmed every 5 s
# where the JDK can (17.0.9, 21.0.1, 22 and later).
# The JDK is JAVA_HOME's when it is set, else the java on the PATH; on JDK 25 and later the archive
# is an AOT cache, as in deploy/local.
# With GEOINGEST_SKIP_BUILD=1 nothing is built (the jars must be packaged).
# Not part of the test suite.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
idle=${BENCH_IDLE:-10}
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
suite_java_opts="-Xmx384m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
if "$java" -XX:TrimNativeHeapInterval=5000 -version >/dev/null 2>&1; then
  suite_java_opts+=" -XX:TrimNativeHeapInterval=5000"
fi
java_opts=${BENCH_JAVA_OPTS:-$suite_java_opts}
java_feature=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')

# shellcheck source=bench/lib.sh
source bench/lib.sh
start_suite "$root/target/bench-startup" 38080 35432 39092 39000
logs="$GEOINGEST_HOME/logs"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# The environment deploy/local gives its services (LocalSuite.serviceEnvironment), for `env`: the
# service works as its database role, migrations run as the owner.
service_env() { # port module
  local role
  case $2 in
    upload-service) role=geoingest_upload ;;
    status-service) role=geoingest_status ;;
    processing-worker) role=geoingest_worker ;;
  esac
  printf '%s\n' QUARKUS_HTTP_HOST=127.0.0.1 "QUARKUS_HTTP_PORT=$1" \
    "QUARKUS_DATASOURCE_JDBC_URL=$GEOINGEST_PG_URL" QUARKUS_DATASOURCE_USERNAME=postgres \
    "QUARKUS_DATASOURCE_JDBC_NEW_CONNECTION_SQL=set role $role" \
    QUARKUS_FLYWAY_USERNAME=postgres QUARKUS_FLYWAY_PASSWORD=not-checked \
    "KAFKA_BOOTSTRAP_SERVERS=$GEOINGEST_KAFKA" \
    "QUARKUS_S3_ENDPOINT_OVERRIDE=$GEOINGEST_S3_URL" QUARKUS_S3_AWS_CREDENTIALS_TYPE=static \
    "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID=$GEOINGEST_S3_ACCESS_KEY" \
    "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY=$GEOINGEST_S3_SECRET_KEY" \
    "GEOINGEST_STORAGE_BUCKET=$GEOINGEST_BUCKET" "GEOINGEST_STORAGE_PUBLIC_ENDPOINT=$GEOINGEST_S3_URL" \
    "MP_JWT_VERIFY_PUBLICKEY_LOCATION=file://$GEOINGEST_HOME/jwt/public.pem"
}

extra_pids=()
trap 'for pid in "${extra_pids[@]}"; do kill "$pid" 2>/dev/null || true; done; stop_suite' EXIT

printf '\nJava %s, JVM options: %s; load average before: %s\n\n' "$java_feature" "$java_opts" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-38s %10s %12s %14s   %s\n' service "ready (s)" "Quarkus (s)" "idle RSS (MB)" "targets: < 3 s, < 200 MB"
# measure MODULE LABEL [JVM option]: one start of the module's jar, printed as a row.
measure() {
  local module=$1 label=$2 extra=${3:-}
  local jar="$module/target/quarkus-app/quarkus-run.jar"
  [ -f "$jar" ] || { echo "bench: $jar is missing; build first (or unset GEOINGEST_SKIP_BUILD)" >&2; exit 1; }
  local port log start pid ready quarkus rss verdict
  port=$(free_port)
  log="$logs/$module-startup-bench.log"
  mapfile -t environment < <(service_env "$port" "$module")
  start=$(now)
  # `env` replaces itself with the JVM: $! is the JVM's pid. The options are words (no quotes).
  # shellcheck disable=SC2086
  env "${environment[@]}" "$java" $java_opts $extra -jar "$jar" > "$log" 2>&1 &
  pid=$!
  extra_pids+=("$pid")
  until curl -sf "http://127.0.0.1:$port/q/health/ready" 2>/dev/null | grep -q '"status": *"UP"'; do
    kill -0 "$pid" 2>/dev/null || { echo "bench: $module exited; the end of $log:" >&2; tail -n 30 "$log" >&2; exit 1; }
    sleep 0.05
  done
  ready=$(echo "$(now) - $start" | bc)
  quarkus=$(sed -n 's/.* started in \([0-9.]*\)s\..*/\1/p' "$log" | head -n 1)
  sleep "$idle"
  rss=$(awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$pid/status")
  verdict=$( (( $(echo "$ready < 3" | bc) )) && (( rss < 200 )) && echo "met" || echo "MISSED")
  printf '%-38s %10.2f %12s %14d   %s\n' "$module $label" "$ready" "${quarkus:-?}" "$rss" "$verdict"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

# Like deploy/local: the first start of a build records a class-data archive as it stops, later
# starts map it (ClassDataArchive).
archives="$root/target/bench-startup/class-data"
mkdir -p "$archives"
if [ "${java_feature%%.*}" -ge 25 ]; then
  record=-XX:AOTCacheOutput use=-XX:AOTCache kind="AOT cache"
else
  record=-XX:ArchiveClassesAtExit use=-XX:SharedArchiveFile kind="class-data archive"
fi
for module in upload-service status-service processing-worker; do
  rm -f "$archives/$module.archive"
  measure "$module" "(first start)" "$record=$archives/$module.archive"
  measure "$module" "($kind)" "$use=$archives/$module.archive"
done
