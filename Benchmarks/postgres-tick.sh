#!/usr/bin/env bash
# The tick on a large PostgreSQL store (issue 20, docs/performance.md, "The PostgreSQL store"):
# "tick on 1,000,000 cases with 1,000 due costs in proportion to the due timers". Fills a store
# with CASES open cases whose timers are not due, then, ROUNDS times, adds 10, then 1,000 cases
# whose timers are due and times `dcmc tick` (a process, start included) after each, and once
# with none due: the time above the empty tick's, per due case, should not grow with the store.
#
# usage: Benchmarks/postgres-tick.sh [CASES=1000000] [ROUNDS=3]
# The fill is fast and bounded: two real cases are made with dcmc (a technical case created on
# Monday 2 March 2026, whose OLA and SLA timers fall on 3 March; another created on 30 March,
# whose timers are after the tick), then copied in SQL under new ids (its state, events and
# task rows, the id replaced throughout), in chunks of 100,000: the copies not due from the
# second, the due ones from the first (the two kept as templates in tables of their own, out of
# the store's). The tick runs at 2026-03-04T00:00:00Z.
# The server is DCMC_TEST_POSTGRES (a libpq URL of a role that may create databases); without
# it, the script runs itself under .ci/postgres (a throwaway cluster). Needs a release dcmc
# (built here unless $DCMC names one). Not a test: run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${DCMC_TEST_POSTGRES:-}" ] || exec .ci/postgres "$PWD/Benchmarks/postgres-tick.sh" "$@"
cases=${1:-1000000}
rounds=${2:-3}
if [ -z "${DCMC:-}" ]; then
  swift build -c release --product dcmc >/dev/null
  DCMC="$(swift build -c release --show-bin-path)/dcmc"
fi
server_url=$DCMC_TEST_POSTGRES
store=$(python3 -c 'import re, sys; print(re.sub(r"^([a-z]+://[^/?]*)(/[^?]*)?", lambda m: m.group(1) + "/dcmc_tick", sys.argv[1]))' \
  "$server_url")
sql() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$store" -c "SET synchronous_commit = off" -c "$1"; }
cleanup() { psql -X -q -d "$server_url" -c "DROP DATABASE IF EXISTS dcmc_tick" >/dev/null 2>&1 || true; }
trap cleanup EXIT
psql -X -q -d "$server_url" -c "CREATE DATABASE dcmc_tick" >/dev/null
export DCM_STORE=$store DCM_USER=alice
tick_at=2026-03-04T00:00:00Z
tick_seconds=$(date -u -d "$tick_at" +%s)
"$DCMC" store init >/dev/null
"$DCMC" deploy definitions --at 2026-02-27T12:00:00Z >/dev/null
create() {
  "$DCMC" case create technical --field Customer_Name=Jane --field Customer_Email=jane@example.com \
    --field Product=internet --field Problem_Description=x --at "$1" --json \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'
}
due_case=$(create 2026-03-02T09:00:00+01:00)
later_case=$(create 2026-03-30T09:00:00+02:00)
[ "$(sql "SELECT count(*) FROM dcmc_cases WHERE id = '$due_case' AND next_timer <= $tick_seconds")" = 1 ] \
  || { echo "postgres-tick: the first case has no timer due by $tick_at" >&2; exit 1; }
[ "$(sql "SELECT count(*) FROM dcmc_cases WHERE id = '$later_case' AND next_timer > $tick_seconds")" = 1 ] \
  || { echo "postgres-tick: the second case has a timer due by $tick_at" >&2; exit 1; }

# The two cases become templates (tables of their own), out of the store's tables.
sql "
  CREATE TABLE template_cases AS SELECT * FROM dcmc_cases;
  CREATE TABLE template_events AS SELECT * FROM dcmc_case_events;
  CREATE TABLE template_tasks AS SELECT * FROM dcmc_tasks;
  DELETE FROM dcmc_tasks; DELETE FROM dcmc_case_events; DELETE FROM dcmc_cases"
# Copies template case $1 as the ids $2 || n for n in [$3, $4]: its row, events and task rows.
copy() {
  local new="'$2' || lpad(n::text, 7, '0')"
  sql "
    INSERT INTO dcmc_cases (id, type, status, customer, unidentified, created_at, next_timer, version, state)
    SELECT $new, type, status, customer, unidentified, created_at, next_timer, version, replace(state, id, $new)
    FROM template_cases, generate_series($3, $4) AS n WHERE id = '$1';
    INSERT INTO dcmc_case_events (case_id, seq, event)
    SELECT $new, seq, replace(event, case_id, $new)
    FROM template_events, generate_series($3, $4) AS n WHERE case_id = '$1';
    INSERT INTO dcmc_tasks (task_id, case_id, target, status, holder, priority, ola_due, created_at)
    SELECT replace(task_id, case_id, $new), $new, target, status, holder, priority, ola_due, created_at
    FROM template_tasks, generate_series($3, $4) AS n WHERE case_id = '$1'"
}
seconds() { date +%s.%N; }
began=$(seconds)
for ((from = 1; from <= cases; from += 100000)); do
  to=$((from + 99999 < cases ? from + 99999 : cases))
  copy "$later_case" L "$from" "$to"
  echo "filled $to of $cases cases ($(python3 -c "import sys; print(round(float(sys.argv[1]) - float(sys.argv[2])))" "$(seconds)" "$began") s)"
done
sql "VACUUM ANALYZE" >/dev/null
echo "filled in $(python3 -c "import sys; print(round(float(sys.argv[1]) - float(sys.argv[2])))" "$(seconds)" "$began") s; $(sql "SELECT pg_size_pretty(pg_database_size(current_database()))")"

# One tick: its wall seconds; every due case's timers fired after it.
tick() {
  local start end
  start=$(seconds)
  "$DCMC" tick --at "$tick_at" >/dev/null
  end=$(seconds)
  [ "$(sql "SELECT count(*) FROM dcmc_cases WHERE next_timer <= $tick_seconds")" = 0 ] \
    || { echo "postgres-tick: timers still due after the tick" >&2; exit 1; }
  python3 -c "import sys; print(float(sys.argv[1]) - float(sys.argv[2]))" "$end" "$start"
}
declare -A times
next=1
for ((round = 1; round <= rounds; round++)); do
  times[0]+=" $(tick)"
  for due in 10 1000; do
    copy "$due_case" "D$round-$due-" "$next" $((next + due - 1))
    next=$((next + due))
    times[$due]+=" $(tick)"
  done
done
echo "PostgreSQL $(sql "SHOW server_version"), $(sql "SELECT count(*) FROM dcmc_cases") cases at the end, $(nproc) cores, load average $(cut -d ' ' -f 1-3 /proc/loadavg)"
python3 - "${times[0]}" "${times[10]}" "${times[1000]}" <<'PY'
import statistics, sys
empty, ten, thousand = (sorted(float(t) for t in arg.split()) for arg in sys.argv[1:])
floor = statistics.median(empty)
for label, times, due in (("no case due", empty, 0), ("10 cases due", ten, 10), ("1,000 cases due", thousand, 1000)):
    median = statistics.median(times)
    per = f"; {(median - floor) * 1000 / due:.2f} ms a due case above the empty tick" if due else ""
    print(f"tick, {label}: median {median:.3f} s (runs {', '.join(f'{t:.3f}' for t in times)}){per}")
PY
