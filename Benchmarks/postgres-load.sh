#!/usr/bin/env bash
# The PostgreSQL store's load benchmark (issue 20, docs/performance.md, "PostgreSQL"): durable
# commands a second from CLIENTS concurrent clients on a PostgreSQL store (`dcmc serve`, its
# group commit, case creations from wrk on loopback), beside the server's own simple-update
# rate, `pgbench -N` with as many clients, measured on the same server in the same run. Both
# commit with synchronous_commit on. Also printed for each: the WAL flushes (pg_stat_wal) and
# transactions (reads included) per command, the CPU seconds per command of the server (when
# it runs here) and of dcmc serve, and the server's time in dcmc_append_cases (a call a round).
# Target: dcmc at least half of pgbench's rate.
#
# usage: Benchmarks/postgres-load.sh [DURATION_SECONDS=10] [CLIENTS=16]
# The server is DCMC_TEST_POSTGRES (a libpq URL of a role that may create databases); without
# it, the script runs itself under .ci/postgres (a throwaway cluster). Needs wrk and pgbench
# (Debian: wrk, postgresql-client) and a release dcmc (built here unless $DCMC names one).
# Bounded: each load lasts DURATION seconds. Not a test: run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/serve-start.sh
[ -n "${DCMC_TEST_POSTGRES:-}" ] || exec .ci/postgres "$PWD/Benchmarks/postgres-load.sh" "$@"
duration=${1:-10}
clients=${2:-16}
command -v wrk >/dev/null || command -v cc >/dev/null \
  || { echo "postgres-load: needs wrk (apt-get install wrk) or a C compiler for Benchmarks/loadgen" >&2; exit 2; }
command -v pgbench >/dev/null || { echo "postgres-load: needs pgbench (apt-get install postgresql-client)" >&2; exit 2; }
if [ -z "${DCMC:-}" ]; then
  swift build -c release --product dcmc >/dev/null
  DCMC="$(swift build -c release --show-bin-path)/dcmc"
fi
server_url=$DCMC_TEST_POSTGRES
# The server's URL with its database replaced.
database() {
  python3 -c 'import re, sys; print(re.sub(r"^([a-z]+://[^/?]*)(/[^?]*)?", lambda m: m.group(1) + "/" + sys.argv[2], sys.argv[1]))' \
    "$server_url" "$1"
}
sql() { psql -X -At -d "$1" -c "$2"; }
work=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  psql -X -q -d "$server_url" -c "DROP DATABASE IF EXISTS dcmc_load_pgbench" -c "DROP DATABASE IF EXISTS dcmc_load" \
    >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
sql "$server_url" "CREATE DATABASE dcmc_load_pgbench" >/dev/null
sql "$server_url" "CREATE DATABASE dcmc_load" >/dev/null
# The server times dcmc_append_cases's calls (pg_stat_user_functions): the write's share.
sql "$server_url" "ALTER DATABASE dcmc_load SET track_functions = 'all'" >/dev/null
bench=$(database dcmc_load_pgbench)
store=$(database dcmc_load)

# The WAL flushes, the transactions of a database (reads too: each autocommit statement is
# one), and the CPU seconds (user + system) of a process.
wal_syncs() { sql "$server_url" "SELECT wal_sync FROM pg_stat_wal"; }
commits() { sql "$server_url" "SELECT pg_stat_force_next_flush(); SELECT xact_commit FROM pg_stat_database WHERE datname = '$1'" | tail -n 1; }
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f\n", ($14 + $15) / hz }' "/proc/$1/stat"; }
# The CPU seconds of the server's postmaster and every process under it (ended ones included),
# when it runs on this machine; "-" otherwise.
server_cpu() {
  local pid
  pid=$(head -n 1 "$(sql "$server_url" "SHOW data_directory")/postmaster.pid" 2>/dev/null) || { echo -; return; }
  { cat "/proc/$pid/stat"; for child in $(ps -o pid= --ppid "$pid"); do cat "/proc/$child/stat" 2>/dev/null || true; done; } \
    | awk -v hz="$(getconf CLK_TCK)" '{ sum += $14 + $15 + $16 + $17 } END { printf "%.2f\n", sum / hz }'
}
# `$1 - $2` when both are numbers.
minus() { python3 -c "import sys; print(round(float(sys.argv[1]) - float(sys.argv[2]), 2))" "$1" "$2" 2>/dev/null || echo -; }
per() { python3 -c "import sys; print(round(float(sys.argv[1]) / float(sys.argv[2]), ${3:-2}) if float(sys.argv[2]) else '-')" "$1" "$2" 2>/dev/null || echo -; }

# pgbench -N: each transaction updates one of 100,000 accounts (scale 1: -N leaves the branches
# and tellers alone, so the clients do not queue on their rows), reads it back and inserts a
# history row.
pgbench -q -i -s 1 "$bench" >/dev/null 2>&1
syncs=$(wal_syncs)
before=$(commits dcmc_load_pgbench)
postgres_cpu=$(server_cpu)
pgbench -N -n -c "$clients" -j 2 -T "$duration" "$bench" >"$work/pgbench.txt" 2>&1
postgres_cpu=$(minus "$(server_cpu)" "$postgres_cpu")
pgbench_syncs=$(($(wal_syncs) - syncs))
pgbench_commits=$(($(commits dcmc_load_pgbench) - before))
pgbench_rate=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$work/pgbench.txt" | head -n 1)
pgbench_count=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$work/pgbench.txt")

# dcmc serve on the store: its group commit makes concurrent creates one transaction.
export DCM_STORE=$store DCM_USER=alice
"$DCMC" store init >/dev/null
"$DCMC" deploy definitions >/dev/null
token=$("$DCMC" token create alice --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
start_serve "$clients"
write_create_script "$token"
syncs=$(wal_syncs)
before=$(commits dcmc_load)
serve_cpu=$(cpu "$server")
dcmc_postgres_cpu=$(server_cpu)
if command -v wrk >/dev/null; then
  wrk -t2 -c"$clients" -d"${duration}s" --latency -s "$work/create.lua" "$base/api/v1/cases" >"$work/create.txt"
else
  # Without wrk: the same closed loop from a small C client, which prints wrk's summary lines.
  cc -O2 -pthread -o "$work/closed-loop" Benchmarks/loadgen/closed-loop.c
  body='{"type": "technical", "fields": {"Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet", "Problem_Description": "no signal"}}'
  printf 'POST /api/v1/cases HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %s\r\n\r\n%s' \
    "${base#http://}" "$token" "${#body}" "$body" >"$work/create.http"
  "$work/closed-loop" "${base##*:}" "$clients" "$duration" "$work/create.http" >"$work/create.txt"
fi
serve_cpu=$(minus "$(cpu "$server")" "$serve_cpu")
dcmc_postgres_cpu=$(minus "$(server_cpu)" "$dcmc_postgres_cpu")
dcmc_syncs=$(($(wal_syncs) - syncs))
dcmc_commits=$(($(commits dcmc_load) - before))
kill -TERM "$server" && wait "$server" || true
server=""
dcmc_rate=$(awk '/Requests\/sec/ { print $2 }' "$work/create.txt")
dcmc_count=$(awk '/requests in/ { print $1 }' "$work/create.txt")
bad=$(awk '/Non-2xx/ { print $NF }' "$work/create.txt")
made=$(sql "$store" "SELECT count(*) FROM dcmc_cases")
append_ms=$(sql "$store" "SELECT pg_stat_force_next_flush(); SELECT round((total_time / calls)::numeric, 3) || ' ms a call (' || calls || ' calls), ' || round((total_time / $made)::numeric, 3) || ' ms a create' FROM pg_stat_user_functions WHERE funcname = 'dcmc_append_cases'" | tail -n 1)
"$DCMC" store verify >/dev/null || { echo "postgres-load: store verify failed after the run" >&2; exit 1; }

echo "PostgreSQL $(sql "$server_url" "SHOW server_version"), $clients clients, ${duration}s each, $(nproc) cores"
echo "pgbench -N:              ${pgbench_rate} tx/s  ($pgbench_count tx, $(per "$pgbench_syncs" "$pgbench_count") WAL flushes and $(per "$pgbench_commits" "$pgbench_count") transactions each; server $(per "$postgres_cpu" "$pgbench_count" 5) CPU s each)"
echo "dcmc serve creates:      ${dcmc_rate}/s  ($dcmc_count requests, non-2xx ${bad:-0}, $made cases; $(per "$dcmc_syncs" "$dcmc_count") WAL flushes and $(per "$dcmc_commits" "$dcmc_count") transactions each; server $(per "$dcmc_postgres_cpu" "$dcmc_count" 5) and serve $(per "$serve_cpu" "$dcmc_count" 5) CPU s each)"
echo "dcmc_append_cases:       ${append_ms:-not timed} in the server (its own wall time)"
echo "dcmc / pgbench:          $(per "$dcmc_rate" "$pgbench_rate") (target 0.5)"
