#!/usr/bin/env bash
# CLI benchmark: starts its own suite (fresh data under target/bench-cli), then prints, measured in
# this one run, the throughput of the geoingest client for one file (BENCH_SIZE_MB, default 1024):
#   1. `geoingest upload` chunked (64 MiB chunks, 4 in parallel, --no-wait) through the gateway;
#   2. `geoingest stac-upload` (64 MiB parts, 4 in parallel, --no-wait) straight to storage;
#   3. `aws s3 cp` of the same bytes to the same storage, 64 MB parts, 4 in parallel;
# and the ratios to `aws s3 cp`. Median of BENCH_RUNS runs (default 3).
# Needs the AWS CLI, curl and the built client (./mvnw -B -DskipTests -pl cli package); the suite
# is built by deploy/local/run.sh unless GEOINGEST_SKIP_BUILD=1. Not part of the test suite.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
command -v aws >/dev/null || { echo "bench: the AWS CLI is needed (apt-get install awscli)" >&2; exit 1; }
[ -f cli/target/geoingest-cli.jar ] || { echo "bench: build the client first: ./mvnw -B -DskipTests -pl cli package" >&2; exit 1; }
size_mb=${BENCH_SIZE_MB:-1024}
runs=${BENCH_RUNS:-3}

# shellcheck source=bench/lib.sh
source bench/lib.sh
start_suite "$root/target/bench-cli" 38080 35432 39092 39000
work="$root/target/bench-cli"
data="$work/data"

elapsed() { echo "$(now) - $1" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { echo "scale=2; $1 / $2" | bc; }
rate() { echo "scale=1; $size_mb / $1" | bc; }

file="$data/bench-${size_mb}mb.bin"
head -c "$((size_mb * 1024 * 1024))" /dev/urandom > "$file"

# The client runs in a folder of its own: it keeps the state of unfinished uploads there.
geoingest() {
  (cd "$data" && GEOINGEST_URL="$GEOINGEST_URL" GEOINGEST_API_KEY="$GEOINGEST_UPLOAD_KEY" "$root/cli/geoingest" -q "$@")
}

# The asset is set up straight on the status-service, which owns the catalog; only the uploads are measured.
stac="http://127.0.0.1:$GEOINGEST_STATUS_PORT/api/stac/v1"
stac_put() { # path, JSON body
  curl -sf -X PUT -H "X-API-KEY: $GEOINGEST_UPLOAD_KEY" -H 'Content-Type: application/json' "$stac$1" -d "$2" -o /dev/null
}
stac_put /collections/bench '{"id": "bench", "description": "CLI benchmark", "license": "proprietary"}'
stac_put /collections/bench/items/scene '{"type": "Feature", "id": "scene",
  "geometry": {"type": "Point", "coordinates": [7.44, 46.95]}, "properties": {"datetime": "2024-05-01T10:30:00Z"}}'
stac_put /collections/bench/items/scene/assets/data '{"type": "application/octet-stream", "roles": ["data"]}'

aws_config="$work/aws-config"
printf '[default]\nregion = us-east-1\ns3 =\n  multipart_chunksize = 64MB\n  max_concurrent_requests = 4\n' > "$aws_config"
aws_cp() {
  AWS_CONFIG_FILE="$aws_config" AWS_ACCESS_KEY_ID="$GEOINGEST_S3_ACCESS_KEY" \
    AWS_SECRET_ACCESS_KEY="$GEOINGEST_S3_SECRET_KEY" \
    aws s3 cp --only-show-errors --endpoint-url "$GEOINGEST_S3_URL" "$1" "s3://$GEOINGEST_BUCKET/bench/$2"
}

aws_times=() upload_times=() stac_times=()
for run in $(seq "$runs"); do
  start=$(now); aws_cp "$file" "aws-$run.bin"; aws_times+=("$(elapsed "$start")")
  start=$(now)
  geoingest upload "$file" --direct-limit 1MiB --chunk-size 64MiB --parallel 4 --no-wait > /dev/null
  upload_times+=("$(elapsed "$start")")
  start=$(now)
  geoingest stac-upload "$file" --collection bench --item scene --asset data --part-size 64MiB --parallel 4 \
    --no-wait > /dev/null
  stac_times+=("$(elapsed "$start")")
done
aws=$(printf '%s\n' "${aws_times[@]}" | median)
upload=$(printf '%s\n' "${upload_times[@]}" | median)
stac_upload=$(printf '%s\n' "${stac_times[@]}" | median)

echo
echo "GeoIngest CLI benchmark: $size_mb MiB ($(nproc) cores, median of $runs runs, same machine, same storage)"
printf '%-58s %8.2f s  %7s MiB/s\n' "geoingest upload, chunked, 64 MiB chunks, 4 parallel" "$upload" "$(rate "$upload")"
printf '%-58s %8.2f s  %7s MiB/s\n' "geoingest stac-upload, 64 MiB parts, 4 parallel" "$stac_upload" "$(rate "$stac_upload")"
printf '%-58s %8.2f s  %7s MiB/s\n' "aws s3 cp, 64 MB parts, 4 parallel" "$aws" "$(rate "$aws")"
printf '%-58s %8s\n' "ratio geoingest upload / aws s3 cp" "$(ratio "$upload" "$aws")"
printf '%-58s %8s\n' "ratio geoingest stac-upload / aws s3 cp" "$(ratio "$stac_upload" "$aws")"
