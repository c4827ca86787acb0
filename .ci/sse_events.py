#!/usr/bin/env python3
"""Reads a Server-Sent Events stream of `dcmc serve` and prints what came, for the end-to-end
tests: `connected` once the stream's first bytes arrived (so the test may start changing
things), then each event as one JSON line {"id", "event", "data"}, until COUNT events came, the
stream ended, or SECONDS passed; then `end` and why.

usage: sse_events.py BASE_URL TOKEN COUNT SECONDS [LAST_EVENT_ID]
"""
import http.client
import json
import socket
import sys
import time
import urllib.parse


def main():
    base = urllib.parse.urlsplit(sys.argv[1])
    token, count, seconds = sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    headers = {"Authorization": "Bearer " + token, "Accept": "text/event-stream"}
    if len(sys.argv) > 5:
        headers["Last-Event-ID"] = sys.argv[5]
    deadline = time.monotonic() + seconds
    connection = http.client.HTTPConnection(base.hostname, base.port, timeout=seconds)
    connection.request("GET", "/api/v1/events", headers=headers)
    response = connection.getresponse()
    if response.status != 200:
        print(json.dumps({"status": response.status}), flush=True)
        print("end status", flush=True)
        return
    seen, event, connected = 0, {}, False
    try:
        while seen < count and time.monotonic() < deadline:
            connection.sock.settimeout(max(0.1, deadline - time.monotonic()))
            line = response.readline()
            if not line:
                print("end closed", flush=True)
                return
            if not connected:
                connected = True
                print("connected", flush=True)
            text = line.decode("utf-8").rstrip("\n")
            if text == "":
                if "event" in event:
                    print(json.dumps(event), flush=True)
                    seen += 1
                event = {}
            elif text.startswith(":"):
                continue
            else:
                name, _, value = text.partition(": ")
                event[name] = json.loads(value) if name == "data" else value
    except (socket.timeout, TimeoutError):
        print("end timeout", flush=True)
        return
    print("end count" if seen >= count else "end timeout", flush=True)


main()
