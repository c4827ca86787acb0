#!/usr/bin/env python3
"""Posts the same JSON body to a server from several connections at once, each on a thread
of its own, until the server goes away or each has posted COUNT times, and prints the "id" of
every answer with a 2xx status, one a line, as it comes: the end-to-end test of `dcmc serve`
stopped under a write load reads them.

usage: http_load.py BASE_URL PATH TOKEN BODY CONNECTIONS COUNT
Each request waits at most 30 seconds.
"""
import http.client
import json
import sys
import threading
import urllib.parse

lock = threading.Lock()


def post(base, path, token, body, count):
    connection = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    for _ in range(count):
        try:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            return
        if 200 <= response.status < 300:
            with lock:
                print(json.loads(data)["id"], flush=True)
        if response.getheader("Connection", "").lower() == "close":
            return


def main():
    base = urllib.parse.urlsplit(sys.argv[1])
    path, token, body = sys.argv[2], sys.argv[3], sys.argv[4].encode("utf-8")
    connections, count = int(sys.argv[5]), int(sys.argv[6])
    threads = [threading.Thread(target=post, args=(base, path, token, body, count)) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    main()
