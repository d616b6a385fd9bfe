#!/usr/bin/env bash
# Pipeline benchmark: starts its own suite (fresh data under target/bench-pipeline, its own ports),
# then prints, measured in this one run:
#   1. files per second through the whole pipeline for 1,000 files of 1 MB, uploaded through the
#      gateway (Type 1, 8 at a time) until every one is COMPLETED, and the median and p99 latency
#      from upload completion (the file row's createdAt) to COMPLETED;
#   2. files per second from completion to COMPLETED alone: 1,000 more files are uploaded while the
#      worker is paused (SIGSTOP), then it resumes and works off the backlog (first to last
#      COMPLETED), so the rate is that of the relay, Kafka, the worker and the database, not of the
#      uploads; BENCH_BACKLOGS=n repeats this n times, to show how the rate moves as the JVMs warm up;
#   3. the worker's verification time for a 1 GiB object (read from storage, SHA-256, size and
#      format checks, as it logs it) vs `sha256sum` of the same bytes read from the storage directory.
# Needs curl, python3 and psql (Debian: postgresql-client). Not part of the test suite.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
for tool in curl python3 psql; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed" >&2; exit 1; }
done
files=${BENCH_FILES:-1000}
parallel=${BENCH_PARALLEL:-8}
backlogs=${BENCH_BACKLOGS:-1}

work="$root/target/bench-pipeline"
# shellcheck source=bench/lib.sh
source bench/lib.sh
start_suite "$work" 28080 25532 29192 29100
data="$work/data"
worker_log="$GEOINGEST_HOME/logs/processing-worker.log"
sql() { psql "${GEOINGEST_PG_URL#jdbc:}" -U postgres -At -c "$1"; }

# 1,000 distinct files of 1 MB, and 1,000 more per backlog (distinct bytes: no cache or deduplication can help).
python3 - "$data" "$files" "$backlogs" <<'EOF'
import os, sys
data, count, backlogs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
block = os.urandom(1024 * 1024)
for batch in ["live"] + [f"backlog{n}" for n in range(1, backlogs + 1)]:
    folder = os.path.join(data, batch)
    os.makedirs(folder, exist_ok=True)
    for n in range(count):
        with open(os.path.join(folder, f"file-{n:04d}.bin"), "wb") as out:
            out.write(batch.encode() + n.to_bytes(8, "big") + block[16:])
EOF
upload_all() { # folder
  ls "$1" | xargs -P "$parallel" -I{} curl -sf -H "X-API-KEY: $GEOINGEST_UPLOAD_KEY" \
    -F "file=@$1/{}" "$GEOINGEST_URL/public/file/upload?sourceType=UNKNOWN" -o /dev/null
}
wait_terminal() { # count
  until [ "$(sql "select count(*) from file where status in ('COMPLETED', 'FAILED')")" -ge "$1" ]; do sleep 0.2; done
}
per_second() { python3 -c "print(f'{$1 / ($2 - $3):.1f}')"; }

start=$(now)
upload_all "$data/live"
uploaded=$(now)
wait_terminal "$files"
completed=$(now)
failed=$(sql "select count(*) from file where status = 'FAILED'")
read -r first_created last_completed < <(sql "select extract(epoch from min(created_at)), extract(epoch from max(updated_at))
  from file where status = 'COMPLETED'" | tr '|' ' ')
latencies=$(sql "select percentile_cont(0.5) within group (order by extract(epoch from updated_at - created_at)),
  percentile_cont(0.99) within group (order by extract(epoch from updated_at - created_at))
  from file where status = 'COMPLETED'")
median_ms=$(python3 -c "print(round(float('${latencies%%|*}') * 1000))")
p99_ms=$(python3 -c "print(round(float('${latencies##*|}') * 1000))")

# The backlog: uploaded while the worker is paused; its events wait in Kafka.
worker_pid=$(cat "$GEOINGEST_HOME/pids/processing-worker.pid")
backlog_rates=()
for round in $(seq 1 "$backlogs"); do
  round_start=$(now)
  kill -STOP "$worker_pid"
  upload_all "$data/backlog$round"
  kill -CONT "$worker_pid"
  wait_terminal $(((round + 1) * files))
  read -r backlog_first backlog_last < <(sql "select extract(epoch from min(updated_at)), extract(epoch from max(updated_at))
    from file where status = 'COMPLETED' and created_at > to_timestamp($round_start)" | tr '|' ' ')
  backlog_rates+=("$(per_second "$((files - 1))" "$backlog_last" "$backlog_first")")
done
backlog_failed=$(sql "select count(*) from file where status = 'FAILED'")

# 1 GiB through the chunked API (64 MiB chunks, 4 at a time), then the worker verifies it.
head -c 1073741824 /dev/urandom > "$data/1gib.bin"
rm -rf "$data/1gib.chunks" && mkdir "$data/1gib.chunks"
split -b 64M -d -a 5 "$data/1gib.bin" "$data/1gib.chunks/"
read -r upload_id key < <(curl -sf -X POST -H "X-API-KEY: $GEOINGEST_UPLOAD_KEY" \
  "$GEOINGEST_URL/public/file/generateUploadId?fileName=1gib.bin" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["uploadId"], d["key"])')
ls "$data/1gib.chunks" | xargs -P 4 -I{} bash -c '
  curl -sf -H "X-API-KEY: $GEOINGEST_UPLOAD_KEY" -F "file=@$0/{}" -F uploadId="$1" \
    -F partNumber=$((10#{} + 1)) -F key="$2" "$GEOINGEST_URL/public/file/uploadChunk" -o /dev/null' \
  "$data/1gib.chunks" "$upload_id" "$key"
big_id=$(curl -sf -H "X-API-KEY: $GEOINGEST_UPLOAD_KEY" -H 'Content-Type: application/json' \
  -d "{\"uploadId\":\"$upload_id\",\"key\":\"$key\",\"fileSize\":1073741824,\"sourceType\":\"UNKNOWN\"}" \
  "$GEOINGEST_URL/public/file/completeUpload" | python3 -c 'import json,sys; print(json.load(sys.stdin)["fileId"])')
until grep -q "File $big_id \(COMPLETED\|FAILED\)" "$worker_log"; do sleep 0.5; done
grep -q "File $big_id COMPLETED" "$worker_log" || { grep "File $big_id" "$worker_log"; exit 1; }
worker_seconds=$(grep "File $big_id COMPLETED in" "$worker_log" | sed 's/.* COMPLETED in \([0-9.]*\) s.*/\1/')
# S3Proxy keeps each object as a plain file: <storage directory>/<bucket>/<key>.
stored="$GEOINGEST_HOME/s3/$GEOINGEST_BUCKET/$(sql "select object_key from file where id = '$big_id'")"
[ -f "$stored" ] || { echo "bench: the stored object of $big_id is not at $stored" >&2; exit 1; }
sha_start=$(now)
sha256sum "$stored" > /dev/null
sha_seconds=$(python3 -c "print(f'{$(now) - $sha_start:.3f}')")

echo
echo "GeoIngest pipeline benchmark ($(nproc) cores, one machine: suite, storage, database and clients)"
printf '%-66s %10s\n' "$files files of 1 MB, uploaded $parallel at a time, all terminal after (s)" \
  "$(python3 -c "print(f'{$completed - $start:.1f}')")"
printf '%-66s %10s\n' "  of which uploading (s)" "$(python3 -c "print(f'{$uploaded - $start:.1f}')")"
printf '%-66s %10s\n' "  FAILED (expected 0)" "$failed"
printf '%-66s %10s\n' "files per second, first upload completed to last COMPLETED" \
  "$(per_second "$files" "$last_completed" "$first_created")"
printf '%-66s %10s\n' "latency upload complete -> COMPLETED, median (ms)" "$median_ms"
printf '%-66s %10s\n' "latency upload complete -> COMPLETED, p99 (ms)" "$p99_ms"
printf '%-66s %10s   (target >= 200)\n' "backlog of $files: files per second, first to last COMPLETED" "${backlog_rates[0]}"
for round in $(seq 2 "$backlogs"); do
  printf '%-66s %10s\n' "  backlog $round, after $((round * files)) files" "${backlog_rates[round - 1]}"
done
printf '%-66s %10s\n' "  FAILED in all (expected 0)" "$backlog_failed"
printf '%-66s %10s\n' "1 GiB: worker verification, claim to COMPLETED (s)" "$worker_seconds"
printf '%-66s %10s\n' "1 GiB: sha256sum of the stored file (s)" "$sha_seconds"
printf '%-66s %10s   (target <= 1.5)\n' "ratio worker / sha256sum" \
  "$(python3 -c "print(f'{$worker_seconds / $sha_seconds:.2f}')")"
