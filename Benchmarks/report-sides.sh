#!/usr/bin/env bash
# Each report on several stores or dcmc builds, alternated report by report (issue 20,
# docs/performance.md, "The rollup rows counted as they arrive"): every side runs every report
# on March 2026 (the period of `ReportBenchmark`'s stores), RUNS times, and each output is
# compared with the first side's. One line per report and side: report side wall user sys
# maxrss-kB (`/usr/bin/time`); `DIFFERS` when an output is not the first side's.
#
# usage: Benchmarks/report-sides.sh RUNS OUT "NAME DCMC STORE" ["NAME DCMC STORE"...]
# e.g.   Benchmarks/report-sides.sh 5 sides.txt "file ./dcmc-main /bench/store1m" \
#          "main ./dcmc-main postgresql:///r1m7?host=/bench/pg" "new ./dcmc postgresql:///r1m7?host=/bench/pg"
# The stores are ReportBenchmark's (`--store DIR --keep`, `--postgres URL`). REPORTS=... runs
# fewer reports. On a busy machine, `chrt -f 10` on this script and on the PostgreSQL
# postmaster (`chrt -f -p 10 PID`, back with `chrt -o -p 0 PID`) gives quiet figures.
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,14p' "$0"; exit 2; }
runs=$1 out=$2
shift 2
sides=("$@")
outputs=$(mktemp -d)
trap 'rm -rf "$outputs"' EXIT
: > "$out"
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out"
for run in $(seq 1 "$runs"); do
  for report in ${REPORTS:-cases closure sla advisors escalations status-time workbins outcomes presence service-level dashboard}; do
    format=csv
    [ "$report" = dashboard ] && format=html
    first=
    for side in "${sides[@]}"; do
      read -r name dcmc store <<< "$side"
      output="$outputs/$report-$name.$format"
      /usr/bin/time -o "$outputs/time" -f "%e %U %S %M" "$dcmc" report "$report" \
        --from 2026-03-01T00:00:00Z --to 2026-04-01T00:00:00Z --zone UTC --at 2026-04-15T00:00:00Z \
        --store "$store" --format "$format" -o "$output"
      echo "$report $name $(cat "$outputs/time")" >> "$out"
      [ -z "$first" ] && first=$output
      cmp -s "$first" "$output" || echo "$report $name DIFFERS" >> "$out"
    done
  done
done
echo "end $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out"
