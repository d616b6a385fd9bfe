#!/usr/bin/env bash
# Runs the whole GeoIngest suite on this machine: builds what is not built yet, then starts
# PostgreSQL, Kafka, S3 storage, the three services and the gateway. Ctrl-C stops everything.
# Data stays under .geoingest/ in the checkout (GEOINGEST_HOME to move it).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
export GEOINGEST_ROOT="$root"
home=${GEOINGEST_HOME:-$root/.geoingest}
# The data, keys and logs are the user's alone: a directory made here is made 0700.
(umask 077 && mkdir -p "$home/logs" "$home/pids")

die() { echo "run.sh: $*" >&2; exit 1; }

# The JDK of JAVA_HOME when it is set (as for ./mvnw), else the java on the PATH. The services run on
# the same JDK; on JDK 25 and later they start from an AOT cache, about a third sooner than on 17.
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$java" >/dev/null || die "$java is not there: install a JDK 17 or newer, or set JAVA_HOME to one"
java_major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
[ "${java_major%%.*}" -ge 17 ] 2>/dev/null || die "Java 17 or newer is needed, found ${java_major:-unknown}"

# A pid file outlives a crash or a reboot, after which its pid may belong to any other process: it
# counts only while that process is still one of this suite's: the launcher, a service or the
# PostgreSQL server, whose command lines name the launcher's jar, the checkout or the data.
is_ours() {
  local command_line
  command_line=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
  case "$command_line" in
    *geoingest-local.jar* | *"$root"* | *"$home"*) return 0 ;;
    *) return 1 ;;
  esac
}
for pid_file in "$home"/pids/*.pid; do
  [ -e "$pid_file" ] || continue
  pid=$(cat "$pid_file")
  if [[ "$pid" =~ ^[0-9]+$ ]] && is_ours "$pid"; then
    die "GeoIngest seems to be running already ($(basename "$pid_file" .pid) has pid $pid). Stop it first: kill $pid"
  fi
  rm -f "$pid_file"
done

launcher=deploy/local/target/geoingest-local.jar
# With the build output, not the data: a new GEOINGEST_HOME runs the same build.
stamp=deploy/local/target/build.stamp
needs_build() {
  [ "${GEOINGEST_SKIP_BUILD:-}" = 1 ] && return 1
  [ -f "$launcher" ] && [ -f "$stamp" ] || return 0
  for module in upload-service status-service processing-worker; do
    [ -f "$module/target/quarkus-app/quarkus-run.jar" ] || return 0
  done
  [ -z "$(find pom.xml ./*/pom.xml deploy/local/pom.xml ./*/src deploy/local/src -newer "$stamp" -type f -print -quit)" ] && return 1
  return 0
}

if needs_build; then
  build_log="$home/logs/build.log"
  echo "Building GeoIngest (first run, or sources changed); full output in $build_log"
  if ! ./mvnw -B --no-transfer-progress -DskipTests package 2>&1 | tee "$build_log" \
      | sed -un 's/^\[INFO\] Building \(GeoIngest[^0-9]*\) [0-9].*\(\[[0-9]*\/[0-9]*\]\)$/  \2 \1/p'; then
    echo "The build failed; the end of $build_log:" >&2
    tail -n 40 "$build_log" >&2
    exit 1
  fi
  touch "$stamp"
fi

exec "$java" -jar "$launcher"
