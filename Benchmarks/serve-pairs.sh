#!/usr/bin/env bash
# Alternated runs of Benchmarks/serve-latency.py for two builds of dcmc (issue 18,
# docs/performance.md, "Branch `handoff`"): BEFORE, AFTER, BEFORE, AFTER... PAIRS times, the
# options after the two binaries given to every run, each run's figures prefixed with its build
# and the load average.
#
# Every run's store is kept until the last run ended, then all are removed at once: on ext4
# without a journal (this machine's) a new inode skips the inodes of its block group deleted in
# the last half minute or so (`recently_deleted`), so removing a run's store just before the
# next run made that run's two new files a create cost up to a millisecond more: the benchmark's
# bimodality. Each run prints the file system's CPU a new file beside its store; a HIGH one was
# slowed by someone else's deletions.
#
# usage: Benchmarks/serve-pairs.sh PAIRS DCMC_BEFORE DCMC_AFTER [serve-latency.py options...]
# e.g.   Benchmarks/serve-pairs.sh 3 /tmp/main/dcmc .build/release/dcmc \
#          --rate 1000 --seconds 1 --closed 10 --requests 0 --threads 64 --writes-only
# Bounded: PAIRS pairs of runs, each bounded by serve-latency.py's own options.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 3 ] || { sed -n '14,16p' "$0" >&2; exit 2; }
pairs=$1 before=$2 after=$3
shift 3
series=$(mktemp -d "${TMPDIR:-/tmp}/serve-pairs.XXXXXX")
trap 'rm -rf "$series"' EXIT
for pair in $(seq "$pairs"); do
  for build in before after; do
    binary=$before
    [ "$build" = after ] && binary=$after
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    DCMC="$binary" python3 Benchmarks/serve-latency.py --work "$series" --keep "$@" |
      grep -v '^kept: ' | sed "s/^/pair $pair $build (load $load): /"
  done
done
