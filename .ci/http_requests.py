#!/usr/bin/env python3
"""Sends the HTTP requests listed in a JSON file to a server, one after another on one
connection, and prints what came back as JSON: the end-to-end tests of `dcmc serve` drive it.

usage: http_requests.py BASE_URL REQUESTS.json
REQUESTS.json: [{"method": "GET", "path": "/api/v1/cases", "token": null, "body": null}, ...]
Output: [{"status": 200, "content_type": "...", "headers": {...}, "body": <JSON or text>}, ...]
Each request waits at most 30 seconds.
"""
import http.client
import json
import sys
import urllib.parse


def main():
    base = urllib.parse.urlsplit(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as handle:
        requests = json.load(handle)
    connection = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
    answers = []
    for request in requests:
        headers = {}
        if request.get("token"):
            headers["Authorization"] = "Bearer " + request["token"]
        body = request.get("body")
        if body is not None:
            body = body.encode("utf-8")
            headers["Content-Type"] = "application/json"
        try:
            connection.request(request["method"], request["path"], body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        except (ConnectionError, http.client.HTTPException) as error:
            answers.append({"status": 0, "error": str(error)})
            connection.close()
            connection = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
            continue
        text = data.decode("utf-8", "replace")
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = text
        answers.append({
            "status": response.status,
            "content_type": response.getheader("Content-Type"),
            "headers": {name.lower(): value for name, value in response.getheaders()},
            "body": parsed,
        })
        if response.getheader("Connection", "").lower() == "close":
            connection.close()
            connection = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
