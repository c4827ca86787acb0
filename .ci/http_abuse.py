#!/usr/bin/env python3
"""Misbehaving HTTP clients for the end-to-end tests of `dcmc serve`'s limits. Prints JSON.

usage: http_abuse.py slow HOST PORT SECONDS
  Sends a request's headers a byte every quarter second, never finishing them, until the
  server closes the connection or SECONDS pass: {"cut": true|false, "seconds": S}.
usage: http_abuse.py slowbody HOST PORT SECONDS
  Sends a POST's headers at once, then its body a byte every quarter second, as `slow`.
usage: http_abuse.py flood HOST PORT N LIMIT
  Opens N connections at once and waits until the server has closed all but LIMIT of them (its
  limit per address), then asks for /api/v1/openapi.json on each still open, then on a new one
  after closing them all: {"served": n, "refused": m, "after": STATUS}.
"""
import json
import select
import socket
import sys
import time

REQUEST = b"GET /api/v1/openapi.json HTTP/1.1\r\nHost: dcmc\r\nConnection: close\r\n\r\n"


def status(connection):
    """The status of the answer to REQUEST on `connection`, 0 when it was closed or reset."""
    try:
        connection.settimeout(10)
        connection.sendall(REQUEST)
        head = connection.recv(64)
    except OSError:
        return 0
    parts = head.split(b" ")
    return int(parts[1]) if len(parts) > 1 and parts[0].startswith(b"HTTP/") else 0


def slow(host, port, seconds, body=False):
    connection = socket.create_connection((host, port), timeout=10)
    start = time.monotonic()
    if body:
        connection.sendall(
            b"POST /api/v1/cases HTTP/1.1\r\nHost: dcmc\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100000\r\n\r\n"
        )
        trickle = b"{" + b" " * 99999
    else:
        trickle = b"GET /api/v1/openapi.json HTTP/1.1\r\nHost: dcmc\r\nX-Slow: " + b"a" * 100000
    for byte in trickle:
        if time.monotonic() - start > seconds:
            break
        try:
            connection.sendall(bytes([byte]))
            connection.settimeout(0.25)
            if connection.recv(64) == b"":
                return {"cut": True, "seconds": time.monotonic() - start}
        except socket.timeout:
            continue
        except OSError:
            return {"cut": True, "seconds": time.monotonic() - start}
    return {"cut": False, "seconds": time.monotonic() - start}


def closed_by_server(connections, wanted, seconds):
    """The connections the server closes (end of file or reset, nothing read), waiting until
    `wanted` of them are, or `seconds` passed. Nothing is sent: an open one stays silent."""
    closed = []
    deadline = time.monotonic() + seconds
    while len(closed) < wanted and time.monotonic() < deadline:
        open_ones = [c for c in connections if c not in closed]
        readable, _, _ = select.select(open_ones, [], [], max(0.0, deadline - time.monotonic()))
        for connection in readable:
            try:
                data = connection.recv(1)
            except OSError:
                data = b""
            if data == b"":
                closed.append(connection)
    return closed


def flood(host, port, count, limit):
    connections = [socket.create_connection((host, port), timeout=10) for _ in range(count)]
    # The barrier: every connection past the limit refused (closed at accept) before the first
    # request, so that no answer frees a place that one still in the backlog would then take.
    refused = closed_by_server(connections, count - limit, 60)
    statuses = [status(connection) for connection in connections if connection not in refused]
    for connection in connections:
        connection.close()
    # The server lets go of the closed connections on its own threads: a new one may still be
    # refused for a moment; each attempt is a round trip through them (bounded).
    after = 0
    for _ in range(100):
        after = status(socket.create_connection((host, port), timeout=10))
        if after != 0:
            break
    served = sum(1 for code in statuses if code == 200)
    return {"served": served, "refused": len(refused) + statuses.count(0), "after": after}


def main():
    mode, host, port, number = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    if mode == "flood":
        result = flood(host, port, number, int(sys.argv[5]))
    else:
        result = slow(host, port, number, body=mode == "slowbody")
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
