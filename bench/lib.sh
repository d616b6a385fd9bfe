# Shared by the benchmarks: start a suite of their own and load its addresses and keys.
# shellcheck shell=bash

now() { date +%s.%N; }

# stop_suite
# Stops the suite start_suite started, then removes the generated files and the stored objects
# (gigabytes after a run; logs and the database stay for a look) unless BENCH_KEEP_DATA=1.
stop_suite() {
  kill "$suite" 2>/dev/null
  wait "$suite" 2>/dev/null || true
  if [ "${BENCH_KEEP_DATA:-}" != 1 ]; then
    rm -rf "$bench_work/data" "$GEOINGEST_HOME/s3"
  fi
}

# start_suite WORK HTTP_BASE PG_PORT KAFKA_PORT S3_PORT
# Starts deploy/local/run.sh with fresh data under WORK/home, the gateway on HTTP_BASE and the
# services on the three ports after it (each overridable by its GEOINGEST_*_PORT variable), waits
# until it is running, stops it when the script exits (stop_suite), and sources its local.env.
start_suite() {
  local work=$1 http=$2
  export GEOINGEST_HOME="$work/home"
  rm -rf "$work"
  mkdir -p "$GEOINGEST_HOME" "$work/data"
  export GEOINGEST_GATEWAY_PORT=${GEOINGEST_GATEWAY_PORT:-$http} GEOINGEST_UPLOAD_PORT=${GEOINGEST_UPLOAD_PORT:-$((http + 1))} \
    GEOINGEST_STATUS_PORT=${GEOINGEST_STATUS_PORT:-$((http + 2))} GEOINGEST_WORKER_PORT=${GEOINGEST_WORKER_PORT:-$((http + 3))} \
    GEOINGEST_PG_PORT=${GEOINGEST_PG_PORT:-$3} GEOINGEST_KAFKA_PORT=${GEOINGEST_KAFKA_PORT:-$4} \
    GEOINGEST_S3_PORT=${GEOINGEST_S3_PORT:-$5}
  deploy/local/run.sh > "$GEOINGEST_HOME/run.out" 2>&1 &
  suite=$!
  bench_work=$work
  trap stop_suite EXIT
  until grep -q 'GeoIngest is running' "$GEOINGEST_HOME/run.out"; do
    kill -0 "$suite" 2>/dev/null || { cat "$GEOINGEST_HOME/run.out"; exit 1; }
    sleep 1
  done
  # shellcheck disable=SC1091
  source "$GEOINGEST_HOME/local.env"
}
