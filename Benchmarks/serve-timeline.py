#!/usr/bin/env python3
"""The group commit's rounds in `dcmc serve`, from a scheduler and system-call trace (issue 18).

usage: Benchmarks/serve-timeline.py TRACE.txt SERVER_PID
       (Benchmarks/serve-timeline.sh records TRACE.txt with perf and runs this)

Reads `perf script -F comm,tid,pid,cpu,time,event,trace` of sched:sched_switch,
sched:sched_wakeup and the enter/exit of flock, syncfs, fdatasync and fsync, recorded on every
CPU while serve-latency.py's closed loop ran, and prints where the time went:

- the CPUs: idle, the server, the closed-loop client, everything else (other processes);
- the server's threads by kind: running, runnable (woken or preempted, waiting for a CPU),
  sleeping, in disk wait (summed over the threads: thread-seconds);
- the flushes: calls a second and their durations;
- each round of the group commit, from the store's lock (the leader's `flock`) to the next
  round's: the store's work under the lock before its first flush (checks, encoding, writes),
  the flushes, the store's work after them (the derived files), and the gap from the end of the
  append (the leader's first wake of another server thread) to the next round's lock, with how
  long the next leader was woken after that and how many wakes came before its own.
"""
import bisect
import collections
import re
import statistics
import sys

LINE = re.compile(r"^\s*(.+?)\s+(\d+)/(\d+)\s+\[(\d+)\]\s+([\d.]+):\s+(\S+):\s*(.*)$")
SWITCH = re.compile(r"prev_comm=(.*) prev_pid=(\d+) prev_prio=\d+ prev_state=(\S+) ==> next_comm=(.*) next_pid=(\d+)")
WAKE = re.compile(r"comm=(.*) pid=(\d+) prio")
FLUSHES = ("syncfs", "fdatasync", "fsync")


def ms(values):
    if not values:
        return "-"
    return f"median {statistics.median(values) * 1000:.2f} ms, mean {statistics.mean(values) * 1000:.2f} ms"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    path, server = sys.argv[1], int(sys.argv[2])
    events = []
    with open(path) as trace:
        for line in trace:
            match = LINE.match(line)
            if match:
                comm, pid, tid, cpu, time, event, rest = match.groups()
                events.append((float(time), int(pid), int(tid), int(cpu), event, rest, comm))
    if not events:
        sys.exit("serve-timeline: no events in the trace")
    start, end = events[0][0], events[-1][0]
    span = end - start
    names, owner = {}, {}
    on_cpu, busy = {}, collections.Counter()
    state, spent = {}, collections.defaultdict(collections.Counter)
    calls, entered = collections.defaultdict(list), {}
    wakes, switched_in, woken_by = (collections.defaultdict(list) for _ in range(3))

    def move(tid, new, time):
        old = state.get(tid)
        if old:
            spent[tid][old[0]] += time - old[1]
        state[tid] = (new, time)

    for time, pid, tid, cpu, event, rest, comm in events:
        owner[tid], names[tid] = pid, comm
        if event == "sched:sched_switch":
            match = SWITCH.match(rest)
            prev, prev_state, following = int(match.group(2)), match.group(3), int(match.group(5))
            names[prev], names[following] = match.group(1), match.group(4)
            if cpu in on_cpu:
                busy[on_cpu[cpu][0]] += time - on_cpu[cpu][1]
            on_cpu[cpu] = (following, time)
            move(prev, "runnable" if prev_state.startswith("R") else "disk" if "D" in prev_state else "sleep", time)
            move(following, "run", time)
            switched_in[following].append(time)
        elif event == "sched:sched_wakeup":
            target = int(WAKE.match(rest).group(2))
            if state.get(target, ("",))[0] != "run":
                move(target, "runnable", time)
            wakes[target].append(time)
            woken_by[tid].append((time, target))
        elif event.startswith("syscalls:sys_enter_"):
            entered[(tid, event[len("syscalls:sys_enter_"):])] = time
        elif event.startswith("syscalls:sys_exit_"):
            key = (tid, event[len("syscalls:sys_exit_"):])
            if key in entered:
                calls[key].append((entered.pop(key), time))
    for time_since in on_cpu.values():
        busy[time_since[0]] += end - time_since[1]
    for tid, (kind, since) in state.items():
        spent[tid][kind] += end - since

    threads = [tid for tid, pid in owner.items() if pid == server]
    cpus = len({event[3] for event in events})
    server_busy = sum(busy[tid] for tid in threads)
    client_busy = sum(value for tid, value in busy.items() if names.get(tid, "").startswith("closed-loop"))
    print(f"trace: {span:.3f} s on {cpus} CPUs ({cpus * span:.3f} CPU-s)")
    print(f"CPU-s: idle {busy[0]:.3f}  server {server_busy:.3f}  client {client_busy:.3f}  "
          f"other processes {sum(busy.values()) - busy[0] - server_busy - client_busy:.3f}")
    kinds = collections.defaultdict(collections.Counter)
    for tid in threads:
        name = names.get(tid, "?")
        kind = "dcmc-work-N" if name.startswith("dcmc-work") else name
        kinds[kind]["threads"] += 1
        kinds[kind].update(spent[tid])
    print("server threads (thread-seconds):")
    for kind, total in sorted(kinds.items()):
        print(f"  {kind:15s} {total['threads']:3d} threads: run {total['run']:.3f}  runnable {total['runnable']:.3f}  "
              f"sleep {total['sleep']:.3f}  disk {total['disk']:.3f}")
    for name in ("flock",) + FLUSHES:
        made = sorted(b - a for (tid, call), spans in calls.items() if call == name and tid in threads for a, b in spans)
        if made:
            print(f"{name}: {len(made)} calls ({len(made) / span:.1f}/s), {sum(made):.3f} s in all, "
                  f"{ms(made)}, p90 {made[int(len(made) * 0.9)] * 1000:.2f} ms")

    locks = sorted((b, tid) for (tid, call), spans in calls.items() if call == "flock" and tid in threads
                   for a, b in spans)
    flushes = sorted(span_ for (tid, call), spans in calls.items() if call in FLUSHES and tid in threads
                     for span_ in spans)
    before, flushing, after, gap, to_lead, lead_to_lock, ahead = ([] for _ in range(7))
    for (locked, leader), (next_locked, next_leader) in zip(locks, locks[1:]):
        inside = [(a, b) for a, b in flushes if locked <= a < next_locked]
        if not inside:
            continue
        last = max(b for a, b in inside)
        before.append(inside[0][0] - locked)
        flushing.append(sum(b - a for a, b in inside))
        woke = [(time, target) for time, target in woken_by[leader] if last < time < next_locked
                and owner.get(target) == server]
        if not woke:
            continue
        after.append(woke[0][0] - last)
        gap.append(next_locked - woke[0][0])
        lead = [time for time, target in woke if target == next_leader]
        if lead:
            to_lead.append(lead[0] - woke[0][0])
            lead_to_lock.append(next_locked - lead[0])
            ahead.append(sum(1 for time, _ in woke if time < lead[0]))
    print(f"rounds (one lock to the next): {len(locks) - 1}, {(len(locks) - 1) / span:.1f}/s")
    print(f"  under the lock before the first flush: {ms(before)}")
    print(f"  flushes:                               {ms(flushing)}")
    print(f"  after the last flush, to the append's end: {ms(after)}")
    print(f"  append's end to the next round's lock: {ms(gap)}")
    print(f"    append's end to the next leader's wake: {ms(to_lead)} "
          f"(wakes before it: median {statistics.median(ahead) if ahead else '-'})")
    print(f"    next leader's wake to its lock:         {ms(lead_to_lock)}")
    if flushes:
        covered = sum(b - a for a, b in flushes)
        print(f"a server flush in progress {covered / span * 100:.0f} % of the trace")


if __name__ == "__main__":
    main()
