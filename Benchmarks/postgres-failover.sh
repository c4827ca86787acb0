#!/usr/bin/env bash
# The failover check of the PostgreSQL store (issue 20, docs/postgres.md, "Failover"): the
# Jepsen-style count of acknowledged-but-missing commands across losing the primary.
#
# Makes a primary and a synchronous standby in a temporary directory (initdb, then
# pg_basebackup -R; synchronous_standby_names names the standby; free ports, a socket directory
# of their own), runs WRITERS loops of `dcmc case create --request-id` against the primary,
# each recording the requests it saw acknowledged (exit 0), SIGKILLs the primary's processes
# once ACKNOWLEDGED creates were acknowledged (while the writers are writing), promotes the
# standby, points dcmc at it, and counts the acknowledged requests whose case is not on it:
# it must be 0. Then `store verify` on the promoted standby, and a create there. Exits 1 when
# anything acknowledged is missing or verify fails. Not a test: bounded (each writer stops
# after 1,000 creates or at the kill), run by hand: Benchmarks/postgres-failover.sh [WRITERS=4]
# [ACKNOWLEDGED=300]. Uses $DCMC, else the debug dcmc (built if missing). Runs the servers as
# the `postgres` user when run as root (initdb refuses root).
set -euo pipefail
cd "$(dirname "$0")/.."
writers=${1:-4}
wanted=${2:-300}
if [ -z "${DCMC:-}" ]; then
  [ -x .build/debug/dcmc ] || swift build --product dcmc >/dev/null
  DCMC="$PWD/.build/debug/dcmc"
fi
bin="$(pg_config --bindir 2>/dev/null || true)"
[ -x "$bin/initdb" ] || bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
work="$(mktemp -d)"
as=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$work"
  as=(runuser -u postgres --)
fi
writer_pids=()
cleanup() {
  for pid in "${writer_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for node in primary standby; do
    [ -d "$work/$node" ] && "${as[@]}" "$bin/pg_ctl" -D "$work/$node" -m immediate stop >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
primary_port=$(free_port)
standby_port=$(free_port)
url() { echo "postgresql:///dcmc?host=$work&port=$1&user=postgres"; }
sql() { psql -X -At -h "$work" -p "$1" -U postgres -d "${3:-dcmc}" -c "$2"; }

# The primary: the standby must have flushed a commit's WAL before the commit returns.
"${as[@]}" "$bin/initdb" -D "$work/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; exit 1; }
"${as[@]}" "$bin/pg_ctl" -D "$work/primary" -l "$work/primary.log" -w -t 60 -o "-c listen_addresses=127.0.0.1 \
  -c port=$primary_port -c unix_socket_directories=$work -c wal_level=replica -c max_wal_senders=4 \
  -c synchronous_standby_names=standby1 -c synchronous_commit=on" start >/dev/null \
  || { cat "$work/primary.log" >&2; exit 1; }
# The standby: a base backup of the primary, -R writes its primary_conninfo and standby.signal;
# its cluster_name is the application_name the primary's synchronous_standby_names waits for.
"${as[@]}" "$bin/pg_basebackup" -h "$work" -p "$primary_port" -U postgres -D "$work/standby" -R -X stream \
  --checkpoint=fast >/dev/null
"${as[@]}" "$bin/pg_ctl" -D "$work/standby" -l "$work/standby.log" -w -t 60 -o "-c listen_addresses=127.0.0.1 \
  -c port=$standby_port -c unix_socket_directories=$work -c cluster_name=standby1" start >/dev/null \
  || { cat "$work/standby.log" >&2; exit 1; }
for _ in $(seq 300); do
  [ "$(sql "$primary_port" "SELECT sync_state FROM pg_stat_replication" postgres)" = sync ] && break
  sleep 0.1
done
[ "$(sql "$primary_port" "SELECT sync_state FROM pg_stat_replication" postgres)" = sync ] \
  || { echo "postgres-failover: the standby is not synchronous" >&2; exit 1; }

sql "$primary_port" "CREATE DATABASE dcmc" postgres >/dev/null
"$DCMC" store init --store "$(url "$primary_port")" >/dev/null
"$DCMC" deploy definitions --store "$(url "$primary_port")" >/dev/null

# The write load: each writer creates cases one after another, each with a request id of its
# own, and records the request of each create that exited 0 (acknowledged).
for w in $(seq "$writers"); do
  (
    for i in $(seq 1000); do
      [ -e "$work/stop" ] && break
      if out=$("$DCMC" case create technical --fields samples/fields/technical.json --request-id "w$w-$i" \
        --as alice --store "$(url "$primary_port")" 2>/dev/null); then
        echo "w$w-$i $(echo "$out" | cut -d' ' -f2)" >>"$work/acknowledged.$w"
      else
        echo "w$w-$i" >>"$work/failed.$w"
      fi
    done
  ) &
  writer_pids+=($!)
done
acknowledged() { cat "$work"/acknowledged.* 2>/dev/null | wc -l; }
while [ "$(acknowledged)" -lt "$wanted" ]; do sleep 0.05; done

# SIGKILL every process of the primary, the postmaster first, mid-load.
postmaster=$(head -n 1 "$work/primary/postmaster.pid")
children=$(ps -o pid= --ppid "$postmaster" || true)
kill -KILL "$postmaster"
for pid in $children; do kill -KILL "$pid" 2>/dev/null || true; done
at_kill=$(acknowledged)
touch "$work/stop"
for pid in "${writer_pids[@]}"; do wait "$pid" || true; done
writer_pids=()

"${as[@]}" "$bin/pg_ctl" -D "$work/standby" -w -t 60 promote >/dev/null
standby="$(url "$standby_port")"
sort "$work"/acknowledged.* >"$work/acknowledged"
sql "$standby_port" "SELECT request || ' ' || case_id FROM dcmc_requests" | sort >"$work/present"
missing=$(comm -23 "$work/acknowledged" "$work/present" | wc -l)
unacknowledged=$(comm -13 "$work/acknowledged" "$work/present" | wc -l)
failed=$(cat "$work"/failed.* 2>/dev/null | wc -l)
verify=0
"$DCMC" store verify --store "$standby" >"$work/verify.out" || verify=$?
after=$("$DCMC" case create technical --fields samples/fields/technical.json --as alice --store "$standby")

echo "primary and synchronous standby (PostgreSQL $("$bin/postgres" --version | awk '{print $3}')), $writers writers, $(nproc) cores"
echo "acknowledged creates: $(wc -l <"$work/acknowledged") ($at_kill when the primary was killed)"
echo "failed creates (primary gone): $failed"
echo "on the promoted standby: $(wc -l <"$work/present") cases, of which not acknowledged: $unacknowledged"
echo "acknowledged but missing: $missing"
echo "store verify on the promoted standby: exit $verify"
echo "create on the promoted standby: $after"
[ "$missing" -eq 0 ] && [ "$verify" -eq 0 ]
