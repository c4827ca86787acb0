#!/usr/bin/env bash
# User-space instructions a create of `dcmc serve`, and those of the store's lock (issue 18,
# docs/performance.md, "Branch `prepare`"): the server runs under `valgrind --tool=callgrind`
# on a store in WORK, WARMUP creates warm it up (one connection), the counts are zeroed
# (`callgrind_control -z`), then Benchmarks/loadgen/closed-loop.c sends creates on CLIENTS
# keep-alive connections for SECONDS, and the counts are dumped (`callgrind_control -d`).
# Prints the creates counted and, per create, the inclusive instructions of the whole process,
# of `FileCaseRepository.append(_:tick:)`'s body under the write lock (`locked`'s closure: the
# round's leader), and of `FileCaseRepository.prepare` (the requests' threads, before a round).
# Deterministic but for the rounds' sizes (how many creates share a round's fixed costs), which
# follow the scheduling: compare builds at the same CLIENTS.
#
# usage: Benchmarks/serve-grind.sh DCMC WORK [CLIENTS [SECONDS [WARMUP]]]
# e.g.   Benchmarks/serve-grind.sh .build/release/dcmc /work/benchtmp/me/grind 8 20 40
# Bounded: the load lasts SECONDS; valgrind's server is stopped with SIGTERM at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n '14,15p' "$0" >&2; exit 2; }
dcmc=$(realpath "$1") work=$2 clients=${3:-8} seconds=${4:-20} warmup=${5:-40}
mkdir -p "$work"
work=$(mktemp -d "$work/grind.XXXXXX")
export DCM_STORE="$work/store" DCM_USER=alice
"$dcmc" deploy definitions >/dev/null
token=$("$dcmc" token create alice --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
  "$dcmc" serve --listen 127.0.0.1:0 --threads 16 --every 1h >"$work/serve.out" 2>"$work/valgrind.err" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 600); do
  grep -q '^listening on ' "$work/serve.out" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
port=$(sed -n 's/^listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/serve.out")
[ -n "$port" ] || { echo "serve-grind: dcmc serve did not start" >&2; exit 1; }
body='{"type": "technical", "fields": {"Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet", "Problem_Description": "no signal"}}'
printf 'POST /api/v1/cases HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %s\r\n\r\n%s' \
  "$port" "$token" "${#body}" "$body" >"$work/create.http"
cc -O2 -pthread -o "$work/closed-loop" Benchmarks/loadgen/closed-loop.c
for _ in $(seq "$warmup"); do
  curl -sf -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data "$body" "http://127.0.0.1:$port/api/v1/cases"
done
callgrind_control -z "$server" >/dev/null
counted=$("$work/closed-loop" "$port" "$clients" "$seconds" "$work/create.http" | sed -n 's/^ *\([0-9]*\) requests in.*/\1/p')
callgrind_control -d "$server" >/dev/null
kill "$server"
wait "$server" 2>/dev/null || true
trap - EXIT
dump=$(ls "$work"/callgrind.out.* | sort | head -1)
callgrind_annotate --inclusive=yes --threshold=100 "$dump" 2>/dev/null | swift demangle >"$work/annotate.txt"
total=$(sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' "$work/annotate.txt" | tr -d ,)
# The first line naming each function: callgrind_annotate lists a function once.
inclusive() { grep -m1 -E "$1" "$work/annotate.txt" | sed 's/^ *\([0-9,]*\) .*/\1/' | tr -d , ; }
locked=$(inclusive 'closure #1 .* in DCMCStore\.FileCaseRepository\.append\(_: \[DCMCApplication\.CaseChangeSet\], tick:')
prepare=$(inclusive 'DCMCStore\.FileCaseRepository\.prepare\(\[DCMCApplication\.CaseChangeSet\]\)' || true)
per() { [ -n "$1" ] && echo "$(( $1 / counted ))" || echo 0; }
echo "creates counted: $counted ($clients connections, ${seconds}s under callgrind)"
echo "instructions a create: whole process $(per "$total"), under the lock (append's body) $(per "$locked"), prepared before the lock $(per "$prepare")"
echo "kept: $work (annotate.txt)"
