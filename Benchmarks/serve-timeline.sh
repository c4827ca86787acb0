#!/usr/bin/env bash
# The group commit's rounds in `dcmc serve` under serve-latency.py's closed loop of creates
# (issue 18, docs/performance.md, "Branch `pipeline`"): records the scheduler's switches and
# wakes and the store's lock and flush calls on every CPU with perf (root, or
# kernel.perf_event_paranoid at most 1) for TRACE seconds in the middle of a closed loop of
# TRACE + 5 seconds, then prints Benchmarks/serve-timeline.py's account of the rounds beside the
# closed loop's own figures. The run's directory (store, trace) is made under OUT and kept.
#
# usage: Benchmarks/serve-timeline.sh DCMC OUT [TRACE=3] [serve-latency.py options...]
# e.g.   Benchmarks/serve-timeline.sh /tmp/rel/release/dcmc /tmp/timeline 3 --threads 64
# Bounded: the closed loop's seconds, a wait of at most 20 s for the server and the client.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n '9,10p' "$0" >&2; exit 2; }
dcmc=$1 out=$2 trace=${3:-3}
shift $(( $# >= 3 ? 3 : 2 ))
mkdir -p "$out"
run=$(mktemp -d "$out/timeline.XXXXXX")
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
DCMC="$dcmc" python3 Benchmarks/serve-latency.py --work "$run" --keep --rate 0 --requests 0 --writes-only \
  --closed $((trace + 5)) "$@" > "$run/closed-loop.txt" 2>&1 &
driver=$!
server="" client=""
for _ in $(seq 200); do
  server=$(pgrep -P "$driver" -f ' serve ' || true)
  [ -n "$server" ] && client=$(pgrep -f "^$run/.*/closed-loop " || true)
  [ -n "$server" ] && [ -n "$client" ] && break
  sleep 0.1
done
[ -n "$client" ] || { wait "$driver"; cat "$run/closed-loop.txt"; echo "serve-timeline: no closed loop began" >&2; exit 1; }
sleep 2
perf record -q -o "$run/perf.data" -a -e sched:sched_switch -e sched:sched_wakeup \
  -e syscalls:sys_enter_flock -e syscalls:sys_exit_flock -e syscalls:sys_enter_syncfs -e syscalls:sys_exit_syncfs \
  -e syscalls:sys_enter_fdatasync -e syscalls:sys_exit_fdatasync -e syscalls:sys_enter_fsync \
  -e syscalls:sys_exit_fsync -- sleep "$trace" 2> "$run/perf.log"
wait "$driver"
grep -v '^kept: ' "$run/closed-loop.txt"
perf script -i "$run/perf.data" -F comm,tid,pid,cpu,time,event,trace > "$run/trace.txt" 2>> "$run/perf.log"
python3 Benchmarks/serve-timeline.py "$run/trace.txt" "$server"
echo "kept: $run"
