#!/usr/bin/env bash
# File API benchmark: starts its own suite (fresh data under target/bench), then prints, measured
# in this one run:
#   1. a 100 MB Type 1 upload through the gateway vs a direct PUT of the same bytes to storage;
#   2. a 1 GiB chunked upload (64 MiB chunks, 4 in parallel) vs `aws s3 cp` to the same storage;
#   3. the upload-service's peak RSS during those uploads (and during a 4 GiB chunked upload with
#      BENCH_LARGE=1).
# Needs curl and the AWS CLI (Debian: apt-get install awscli). Not part of the test suite.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
command -v aws >/dev/null || { echo "bench: the AWS CLI is needed (apt-get install awscli)" >&2; exit 1; }
runs=${BENCH_RUNS:-3}

# shellcheck source=bench/lib.sh
source bench/lib.sh
start_suite "$root/target/bench" 18080 25432 29092 29000
data="$root/target/bench/data"
upload_pid=$(cat "$GEOINGEST_HOME/pids/upload-service.pid")

elapsed() { echo "$(now) - $1" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { echo "scale=2; $1 / $2" | bc; }
peak_rss_mb() { awk '/VmHWM/ {printf "%d", $2/1024}' "/proc/$upload_pid/status"; }

head -c 100000000 /dev/urandom > "$data/100mb.bin"

# Each upload is timed on an otherwise idle suite: the worker has processed the file before it (a
# 100 MB file takes it seconds of CPU that would fall on the next measurement), and untimed uploads
# first warm the JVMs up (BENCH_WARMUP, 8: the first uploads of a fresh JVM run in its interpreter
# and take two to four times as long as later ones).
file_id() { python3 -c 'import json,sys; print(json.load(sys.stdin)["fileId"])'; }
wait_processed() { # file id
  until curl -sf -H "X-API-KEY: $GEOINGEST_UPLOAD_KEY" "$GEOINGEST_URL/public/file/status/$1" \
      | grep -q '"status":"\(COMPLETED\|FAILED\)"'; do sleep 0.2; done
}
# Prints the response; the file id is read from it after the clock stops, so that the timing is
# the upload's alone, as the direct PUT's is, and not also a Python start competing for the CPU.
type1_upload() {
  curl -sf -H "X-API-KEY: $GEOINGEST_UPLOAD_KEY" -F "file=@$data/100mb.bin" \
    "$GEOINGEST_URL/public/file/upload?sourceType=UNKNOWN"
}
for _ in $(seq "${BENCH_WARMUP:-8}"); do wait_processed "$(type1_upload | file_id)"; done

direct_times=() gateway_times=()
time_direct() { # run
  local start
  start=$(now)
  curl -sf --aws-sigv4 "aws:amz:us-east-1:s3" --user "$GEOINGEST_S3_ACCESS_KEY:$GEOINGEST_S3_SECRET_KEY" \
    -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" \
    -T "$data/100mb.bin" "$GEOINGEST_S3_URL/$GEOINGEST_BUCKET/bench/direct-$1.bin" -o /dev/null
  direct_times+=("$(elapsed "$start")")
}
time_gateway() {
  local start response
  start=$(now)
  response=$(type1_upload)
  gateway_times+=("$(elapsed "$start")")
  wait_processed "$(file_id <<< "$response")"
}
# Each path goes first in every other run, so that neither always starts right after the other.
for run in $(seq "$runs"); do
  if (( run % 2 )); then time_direct "$run"; time_gateway; else time_gateway; time_direct "$run"; fi
done
direct=$(printf '%s\n' "${direct_times[@]}" | median)
gateway=$(printf '%s\n' "${gateway_times[@]}" | median)

# The chunks are cut before the clock starts: a real client reads byte ranges, curl cannot.
split_chunks() { # file, chunk size in MiB
  rm -rf "$1.chunks" && mkdir "$1.chunks"
  split -b "$2M" -d -a 5 "$1" "$1.chunks/"
}
chunked_upload() { # file (already split), parallel
  local file=$1 parallel=$2 size upload_id key
  size=$(stat -c %s "$file")
  read -r upload_id key < <(curl -sf -X POST -H "X-API-KEY: $GEOINGEST_UPLOAD_KEY" \
    "$GEOINGEST_URL/public/file/generateUploadId?fileName=$(basename "$file")" \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["uploadId"], d["key"])')
  ls "$file.chunks" | xargs -P "$parallel" -I{} bash -c '
    curl -sf -H "X-API-KEY: $GEOINGEST_UPLOAD_KEY" -F "file=@$0/{}" -F uploadId="$1" \
      -F partNumber=$((10#{} + 1)) -F key="$2" "$GEOINGEST_URL/public/file/uploadChunk" -o /dev/null' \
    "$file.chunks" "$upload_id" "$key"
  curl -sf -H "X-API-KEY: $GEOINGEST_UPLOAD_KEY" -H 'Content-Type: application/json' \
    -d "{\"uploadId\":\"$upload_id\",\"key\":\"$key\",\"fileSize\":$size,\"sourceType\":\"UNKNOWN\"}" \
    "$GEOINGEST_URL/public/file/completeUpload" | file_id
}

head -c 1073741824 /dev/urandom > "$data/1gib.bin"
split_chunks "$data/1gib.bin" 64
aws_config="$root/target/bench/aws-config"
printf '[default]\nregion = us-east-1\ns3 =\n  multipart_chunksize = 64MB\n  max_concurrent_requests = 4\n' > "$aws_config"
aws_cp() {
  AWS_CONFIG_FILE="$aws_config" AWS_ACCESS_KEY_ID="$GEOINGEST_S3_ACCESS_KEY" \
    AWS_SECRET_ACCESS_KEY="$GEOINGEST_S3_SECRET_KEY" \
    aws s3 cp --only-show-errors --endpoint-url "$GEOINGEST_S3_URL" "$1" "s3://$GEOINGEST_BUCKET/bench/$2"
}
aws_times=() chunked_times=()
time_aws() { # run
  local start
  start=$(now); aws_cp "$data/1gib.bin" "aws-$1.bin"; aws_times+=("$(elapsed "$start")")
}
time_chunked() {
  local start id
  start=$(now); id=$(chunked_upload "$data/1gib.bin" 4); chunked_times+=("$(elapsed "$start")")
  wait_processed "$id"
}
for run in $(seq "$runs"); do
  if (( run % 2 )); then time_aws "$run"; time_chunked; else time_chunked; time_aws "$run"; fi
done
aws=$(printf '%s\n' "${aws_times[@]}" | median)
chunked=$(printf '%s\n' "${chunked_times[@]}" | median)
rss_1g=$(peak_rss_mb)

echo
echo "GeoIngest file API benchmark ($(nproc) cores, median of $runs runs, same machine, same storage)"
printf '%-58s %8s s\n' "100 MB Type 1 upload through the gateway" "$gateway"
printf '%-58s %8s s\n' "100 MB direct PUT to storage" "$direct"
printf '%-58s %8s   (target <= 1.25)\n' "ratio gateway / direct" "$(ratio "$gateway" "$direct")"
printf '%-58s %8s s\n' "1 GiB chunked upload, 64 MiB chunks, 4 parallel" "$chunked"
printf '%-58s %8s s\n' "1 GiB aws s3 cp (64 MB parts, 4 parallel)" "$aws"
printf '%-58s %8s   (target <= 1.3)\n' "ratio chunked / aws s3 cp" "$(ratio "$chunked" "$aws")"
printf '%-58s %8s MB (target < 512)\n' "upload-service peak RSS so far" "$rss_1g"

if [ "${BENCH_LARGE:-0}" = 1 ]; then
  rm -f "$data/100mb.bin"
  rm -rf "$data/1gib.bin.chunks"
  head -c 4294967296 /dev/urandom > "$data/4gib.bin"
  split_chunks "$data/4gib.bin" 64
  start=$(now); chunked_upload "$data/4gib.bin" 4 > /dev/null; large=$(elapsed "$start")
  printf '%-58s %8s s\n' "4 GiB chunked upload, 64 MiB chunks, 4 parallel" "$large"
  printf '%-58s %8s MB (target < 512)\n' "upload-service peak RSS after the 4 GiB upload" "$(peak_rss_mb)"
fi
