#!/usr/bin/env python3
"""Latency at a fixed request rate, and memory over a million requests, of `dcmc serve` (issue 18).

Two of issue 18's load targets need more than `serve-load.sh`'s closed loop (wrk sends the next
request when the last answer arrives, so a slow answer delays the requests behind it and hides
their wait: coordinated omission):

- p99 latency at 1,000 requests a second: under 50 ms for writes, under 5 ms for reads. This
  client sends on a fixed schedule (request i at start + i/rate), over CONNECTIONS keep-alive
  connections, and measures each latency from the request's scheduled time, not from when a
  connection was free to send it: a stall counts against every request it delays.
- memory flat after 1,000,000 requests: wrk drives the server in rounds (nine reads to one create,
  the lua script below) until the total passes REQUESTS; the server's resident memory (VmRSS)
  is read after each round.

Loopback only, bounded: each phase lasts SECONDS, the memory phase at most REQUESTS requests
(rounds of 10 s); the store is a temporary directory (under --work DIR when given), removed after
unless --keep, and `store verify` checks it. Not a test: run it on a quiet machine, with a release
dcmc ($DCMC, else built here).

The file system's cost of a new file is printed first (CPU a file, over 500 empty files made beside
the store): on ext4 without a journal (this machine's) a new inode skips every inode deleted in the
last half minute or so of its block group (`recently_deleted`), and a create makes two, so a run
just after a large store was removed nearby costs up to a millisecond more a create (docs/
performance.md, "Branch `handoff`"). Compare runs only when that figure is low; alternated runs
should keep their stores (--keep, Benchmarks/serve-pairs.sh) and remove them after the last.

usage: Benchmarks/serve-latency.py [--rate 1000] [--seconds 10] [--connections 64]
                                   [--threads 16] [--pollers N] [--requests 1000000] [--closed SECONDS]
                                   [--writes-only] [--wrap 'strace -f -T -o FILE'] [--client c|python]
                                   [--stream] [--work DIR] [--keep]
Without wrk: --requests 0 (no memory phase); --closed SECONDS measures creates in a closed loop
(what serve-load.sh measures with wrk) and the server's and the client's CPU time (user+sys) per
create over it, --rate 0 leaves the fixed-rate phases out. The closed loop's client is
Benchmarks/loadgen/closed-loop.c (built with cc; 0.02-0.04 ms of CPU a create against 0.08 for the
asyncio client, CPU the server it measures on 2 cores does not get), or with --client python this
script's asyncio loop (which also gives the latencies). --stream keeps one Server-Sent Events
stream (`GET /api/v1/events`, the token's user) open through every phase, so each group-commit
round pays the event feed's work for a watched user; the bytes it received are printed at the end.
"""
import argparse
import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import socket
import tempfile
import threading
import time

FORM = {"Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com",
        "Product": "internet", "Problem_Description": "no signal"}
CREATE_BODY = json.dumps({"type": "technical", "fields": FORM}).encode()


def dcmc_binary(root):
    if os.environ.get("DCMC"):
        return os.environ["DCMC"]
    subprocess.run(["swift", "build", "-c", "release", "--product", "dcmc"], cwd=root, check=True,
                   stdout=subprocess.DEVNULL)
    path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=root,
                          check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "dcmc")


def request_bytes(method, path, host, token, body=b""):
    head = (f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


async def read_response(reader):
    """One HTTP/1.1 response with a Content-Length (what dcmc serve sends): its status."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("connection closed by the server")
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    if length:
        await reader.readexactly(length)
    return int(status_line.split()[1])


async def exchange(reader, writer, payload, since, latencies, failures):
    """Sends `payload`, reads the answer, records its latency from `since` and counts a non-2xx."""
    writer.write(payload)
    status = await read_response(reader)
    latencies.append(time.perf_counter() - since)
    if not 200 <= status < 300:
        failures[0] += 1


async def fixed_rate(host, port, payload, rate, seconds, connections):
    """Sends `payload` rate times a second for `seconds` over `connections` connections; returns the
    latencies (seconds, from each request's scheduled time) and the count of non-2xx answers."""
    total = int(rate * seconds)
    queue = asyncio.Queue()
    latencies, failures = [], [0]
    start = time.perf_counter() + 0.2

    async def scheduler():
        for i in range(total):
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            queue.put_nowait(due)
        for _ in range(connections):
            queue.put_nowait(None)

    async def worker():
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while (due := await queue.get()) is not None:
                await exchange(reader, writer, payload, due, latencies, failures)
        finally:
            writer.close()

    await asyncio.wait_for(asyncio.gather(scheduler(), *(worker() for _ in range(connections))),
                           timeout=seconds * 3 + 30)
    return latencies, failures[0]


async def closed_loop(host, port, payload, seconds, connections):
    """Sends `payload` over `connections` connections for `seconds`, each connection sending the
    next request when the last answer arrived (wrk's closed loop, for machines without wrk);
    returns the latencies (seconds) and the count of non-2xx answers."""
    latencies, failures = [], [0]
    end = time.perf_counter() + seconds

    async def worker():
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while (sent := time.perf_counter()) < end:
                await exchange(reader, writer, payload, sent, latencies, failures)
        finally:
            writer.close()

    await asyncio.wait_for(asyncio.gather(*(worker() for _ in range(connections))), timeout=seconds + 60)
    return latencies, failures[0]


def closed_loop_c(root, work, port, payload, seconds, connections):
    """The closed loop from Benchmarks/loadgen/closed-loop.c (one thread a connection): returns the
    answers, the non-2xx among them, and the client's CPU seconds (user+sys)."""
    binary, request = os.path.join(work, "closed-loop"), os.path.join(work, "create.http")
    subprocess.run(["cc", "-O2", "-pthread", "-o", binary,
                    os.path.join(root, "Benchmarks", "loadgen", "closed-loop.c")], check=True)
    with open(request, "wb") as out:
        out.write(payload)
    before = os.times()
    out = subprocess.run([binary, str(port), str(connections), str(seconds), request], check=True,
                         capture_output=True, text=True, timeout=seconds + 60).stdout
    after = os.times()
    used = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    done = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return done, int(bad.group(1)) if bad else 0, used


def nearest_rank(sorted_values, q):
    index = max(0, min(len(sorted_values) - 1, -(-len(sorted_values) * q // 1) - 1))
    return sorted_values[int(index)]


def summary(name, latencies, failures, seconds, target_ms):
    values = sorted(latencies)
    p50, p99 = nearest_rank(values, 0.5) * 1000, nearest_rank(values, 0.99) * 1000
    verdict = "met" if p99 < target_ms else "MISSED"
    print(f"{name}: {len(values)} in {seconds}s ({len(values) / seconds:.0f}/s)  p50 {p50:.2f} ms  "
          f"p99 {p99:.2f} ms  max {values[-1] * 1000:.2f} ms  non-2xx {failures}  "
          f"(target p99 < {target_ms} ms: {verdict})")


def cpu_seconds(pid):
    """User plus system CPU time the process `pid` has used, every thread (/proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def switches(pid):
    """Each thread's context switches so far, voluntary and not, by thread id, with the thread's
    kind: a request worker (`dcmc-work-N`), libmicrohttpd's pollers and the rest (`other`)."""
    found = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/status") as status:
                text = status.read()
        except OSError:  # the thread ended meanwhile
            continue
        name = re.search(r"Name:\s+(\S*)", text).group(1)
        kind = "workers" if name.startswith("dcmc-work") else "pollers" if name.startswith("MHD") else "other"
        found[tid] = (kind, int(re.search(r"^voluntary_ctxt_switches:\s+(\d+)", text, re.M).group(1)),
                      int(re.search(r"nonvoluntary_ctxt_switches:\s+(\d+)", text).group(1)))
    return found


def switches_between(before, after, done):
    """The context switches a create between two `switches` readings: voluntary (a thread that
    went to sleep: a hand-off) by kind of thread, and involuntary (preempted) in all."""
    kinds, preempted = {}, 0
    for tid, (kind, voluntary, involuntary) in after.items():
        _, v0, i0 = before.get(tid, (kind, 0, 0))
        kinds[kind] = kinds.get(kind, 0) + voluntary - v0
        preempted += involuntary - i0
    parts = "  ".join(f"{kind} {count / done:.2f}" for kind, count in sorted(kinds.items()))
    return f"{sum(kinds.values()) / done:.2f} voluntary ({parts}), {preempted / done:.2f} involuntary"


def new_file_cost(directory, count=500):
    """Microseconds of CPU (user+sys) a new empty file costs in `directory` (made here, and
    left: removing the files would slow the next new files in turn)."""
    os.makedirs(directory)
    before = os.times()
    for number in range(count):
        os.close(os.open(os.path.join(directory, str(number)), os.O_CREAT | os.O_WRONLY, 0o644))
    after = os.times()
    return ((after.user - before.user) + (after.system - before.system)) / count * 1e6


def resident_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        return int(re.search(r"VmRSS:\s+(\d+)", status.read()).group(1))


def memory_rounds(base, token, requests, connections, pid, work):
    """wrk rounds of 10 s (nine reads to one create) until `requests` answered; VmRSS after each."""
    script = os.path.join(work, "mixed.lua")
    body = CREATE_BODY.decode().replace("\\", "\\\\").replace("'", "\\'")
    with open(script, "w") as lua:
        lua.write(f"""
wrk.headers["Authorization"] = "Bearer {token}"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  if n % 10 == 0 then
    return wrk.format("POST", "/api/v1/cases", nil, '{body}')
  end
  return wrk.format("GET", "/api/v1/cases/TEC-000001")
end
""")
    done, samples = 0, [(0, resident_kib(pid))]
    for _ in range(1000):
        if done >= requests:
            break
        out = subprocess.run(["wrk", "-t2", f"-c{connections}", "-d10s", "-s", script, base],
                             check=True, capture_output=True, text=True, timeout=60).stdout
        done += int(re.search(r"(\d+) requests in", out).group(1))
        samples.append((done, resident_kib(pid)))
    return samples


def open_stream(host, port, token):
    """An SSE stream of the token's user, read and counted by a daemon thread until the server
    closes it (at its exit): bounded by the server's life. Returns a function giving the bytes read."""
    conn = socket.create_connection((host, port), timeout=10)
    conn.sendall(request_bytes("GET", "/api/v1/events", f"{host}:{port}", token)
                 .replace(b"Content-Type: application/json", b"Accept: text/event-stream"))
    conn.settimeout(None)
    received = [0]

    def drain():
        while True:
            try:
                chunk = conn.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            received[0] += len(chunk)

    threading.Thread(target=drain, daemon=True).start()
    return lambda: received[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--pollers", type=int, help="the server's --pollers (default: its own, one a core)")
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--closed", type=int, default=0, metavar="SECONDS",
                        help="first, creates in a closed loop for SECONDS (serve-load.sh without wrk)")
    parser.add_argument("--client", choices=["c", "python"], default="c" if shutil.which("cc") else "python",
                        help="the closed loop's client: closed-loop.c (default with cc) or asyncio")
    parser.add_argument("--writes-only", action="store_true", help="no fixed-rate reads")
    parser.add_argument("--stream", action="store_true",
                        help="keep one event stream (GET /api/v1/events) open through every phase")
    parser.add_argument("--work", metavar="DIR", help="make the run's directory (the store) under DIR")
    parser.add_argument("--keep", action="store_true",
                        help="leave the store (its path printed) for the caller to remove after its last run")
    parser.add_argument("--wrap", default="",
                        help="a command the server runs under, e.g. 'strace -f -T -o FILE' (split on spaces)")
    args = parser.parse_args()
    if args.requests > 0 and not shutil.which("wrk"):
        sys.exit("serve-latency: the memory phase needs wrk (apt-get install wrk); --requests 0 skips it")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    dcmc = dcmc_binary(root)
    if args.work:
        os.makedirs(args.work, exist_ok=True)
    work = tempfile.mkdtemp(prefix="serve-latency.", dir=args.work)
    env = dict(os.environ, DCM_STORE=os.path.join(work, "store"), DCM_USER="alice")
    run = lambda *a: subprocess.run([dcmc, *a], cwd=root, env=env, check=True, capture_output=True,
                                    text=True, timeout=60).stdout
    server = None
    try:
        run("deploy", "definitions")
        token = json.loads(run("token", "create", "alice", "--json"))["token"]
        fields = [x for k, v in FORM.items() for x in ("--field", f"{k}={v}")]
        run("case", "create", "technical", *fields)  # TEC-000001, the case the reads fetch
        server = subprocess.Popen(args.wrap.split() + [dcmc, "serve", "--listen", "127.0.0.1:0", "--threads",
                                   str(args.threads), "--every", "1h"]
                                  + (["--pollers", str(args.pollers)] if args.pollers else []), cwd=root, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = server.stdout.readline()  # blocks until the first line or the server's exit
        match = re.match(r"listening on (http://([\d.]+):(\d+))", line)
        if not match:
            sys.exit(f"serve-latency: dcmc serve did not start: {line!r}")
        base, host, port = match.group(1), match.group(2), int(match.group(3))
        authority = f"{host}:{port}"
        create = request_bytes("POST", "/api/v1/cases", authority, token, CREATE_BODY)
        read = request_bytes("GET", "/api/v1/cases/TEC-000001", authority, token)

        streamed = open_stream(host, port, token) if args.stream else None
        cost = new_file_cost(os.path.join(work, "probe"))
        print(f"file system: {cost:.0f} us of CPU a new file beside the store"
              + (" (HIGH: files were deleted nearby lately; this run's creates cost more)" if cost > 100 else ""))
        print(f"dcmc serve, {args.threads} server threads, {args.connections} connections, "
              f"{os.cpu_count()} cores, fixed rate {args.rate}/s for {args.seconds}s each")
        if args.closed > 0:
            before, switched = cpu_seconds(server.pid), switches(server.pid)
            if args.client == "c":
                done, failures, client = closed_loop_c(root, work, port, create, args.closed, args.connections)
                print(f"closed-loop creates (closed-loop.c): {done} in {args.closed}s "
                      f"({done / args.closed:.0f}/s)  non-2xx {failures}")
            else:
                start = time.process_time()
                latencies, failures = asyncio.run(closed_loop(host, port, create, args.closed, args.connections))
                done, client = len(latencies), time.process_time() - start
                summary("closed-loop creates", latencies, failures, args.closed, 1000)
            used, switched = cpu_seconds(server.pid) - before, (switched, switches(server.pid))
            # With --wrap the pid is the wrapper's (strace), not the server's: no figure.
            if not args.wrap and done:
                print(f"server CPU (user+sys) over the closed loop: {used:.2f} s, "
                      f"{used / done * 1000:.3f} ms a create; client {args.client}: "
                      f"{client / done * 1000:.3f} ms a create")
                print(f"server context switches a create: {switches_between(*switched, done)}")
        phases = [("writes (POST /api/v1/cases)", create, 50), ("reads (GET /api/v1/cases/ID)", read, 5)]
        for name, payload, target in (phases[:1] if args.writes_only else phases) if args.rate > 0 else []:
            latencies, failures = asyncio.run(
                fixed_rate(host, port, payload, args.rate, args.seconds, args.connections))
            summary(name, latencies, failures, args.seconds, target)

        if args.requests > 0:
            samples = memory_rounds(base, token, args.requests, args.connections, server.pid, work)
            print("memory (VmRSS) after N requests (9 reads : 1 create):")
            for done, kib in samples:
                print(f"  {done:>9,} requests: {kib / 1024:7.1f} MiB")
            if len(samples) > 2:
                first, last = samples[1], samples[-1]
                print(f"  growth from {first[0]:,} to {last[0]:,} requests: "
                      f"{(last[1] - first[1]) / 1024:.1f} MiB")
        if streamed:
            print(f"event stream: open through every phase, {streamed()} bytes received")
        server.terminate()
        server.wait(timeout=60)
        server = None
        run("store", "verify")
        print("store verify: clean")
    finally:
        if server:
            server.kill()
            server.wait()
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
