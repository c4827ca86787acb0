#!/usr/bin/env bash
# The load benchmark of `dcmc serve` (issue 18, docs/performance.md, "The server"): durable case
# creations per second from CONNECTIONS concurrent clients on loopback, with p50/p99 latency,
# beside the ceilings measured in the same run on the same disk: `dcmc case create` in a loop
# (one command, one flush: the per-command fsync ceiling) and a read (GET of one case). Each
# server thread serves one request at a time, so SERVER_THREADS bounds the creates one flush shares.
# Bounded: each wrk run lasts DURATION seconds; the store is a temporary directory (under
# $SERVE_WORK when set), removed after unless SERVE_KEEP=1 (its path printed): on ext4 without a
# journal, new files cost far more for about half a minute after many were deleted nearby, so
# alternated runs keep their stores and remove them after the last (Benchmarks/serve-pairs.sh,
# docs/performance.md, "Branch `handoff`").
#
# usage: Benchmarks/serve-load.sh [DURATION_SECONDS=10] [CONNECTIONS=64] [SERVER_THREADS=64]
# Needs wrk (Debian: apt-get install wrk) and a release dcmc (built here unless $DCMC names one).
# Target: 5,000 creates a second with 64 clients on 2 cores. Not a test: run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/serve-start.sh
duration=${1:-10}
connections=${2:-64}
threads=${3:-64}
command -v wrk >/dev/null || { echo "serve-load: needs wrk (apt-get install wrk)" >&2; exit 2; }
if [ -z "${DCMC:-}" ]; then
  swift build -c release --product dcmc >/dev/null
  DCMC="$(swift build -c release --show-bin-path)/dcmc"
fi
[ -n "${SERVE_WORK:-}" ] && mkdir -p "$SERVE_WORK"
work=$(mktemp -d "${SERVE_WORK:-${TMPDIR:-/tmp}}/serve-load.XXXXXX")
server=""
cleanup() {
  [ -n "$server" ] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  if [ "${SERVE_KEEP:-0}" = 1 ]; then echo "kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
export DCM_STORE="$work/store" DCM_USER=alice
"$DCMC" deploy definitions >/dev/null
token=$("$DCMC" token create alice --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
form=(--field Customer_Name="Jane Doe" --field Customer_Email=jane@example.com --field Product=internet
  --field Problem_Description="no signal")

# The per-command ceiling: each `dcmc case create` is one process and one durable change.
count=200
start=$(date +%s.%N)
for _ in $(seq "$count"); do "$DCMC" case create technical "${form[@]}" >/dev/null; done
end=$(date +%s.%N)
cli_rate=$(python3 -c "print(round($count / ($end - $start)))")

start_serve "$threads"
write_create_script "$token"
cat >"$work/read.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
LUA

wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$work/create.lua" "$base/api/v1/cases" >"$work/create.txt"
# A case the CLI loop made (a list while creates are in flight may race them).
case_id=TEC-000001
wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$work/read.lua" "$base/api/v1/cases/$case_id" >"$work/read.txt"
kill -TERM "$server" && wait "$server" || true
server=""
"$DCMC" store verify >/dev/null || { echo "serve-load: store verify failed after the run" >&2; exit 1; }

# wrk's figures: requests a second, the 50% and 99% latencies, and any answer that was not a 2xx.
figures() {
  awk '/Requests\/sec/ { rate = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
    /Non-2xx/ { bad = $NF } END { printf "%s/s  p50 %s  p99 %s  non-2xx %s\n", rate, p50, p99, bad + 0 }' "$1"
}
echo "dcmc serve, $connections connections, $threads server threads, ${duration}s each, $(nproc) cores"
echo "creates (POST /api/v1/cases):   $(figures "$work/create.txt")"
echo "reads (GET /api/v1/cases/ID):   $(figures "$work/read.txt")"
echo "ceiling: dcmc case create loop: ${cli_rate}/s (one process and one flush each)"
echo "target: 5000 creates/s with 64 clients"
