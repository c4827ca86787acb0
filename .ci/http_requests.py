#!/usr/bin/env python3
"""Sends the HTTP requests listed in a JSON file to a server, one after another on one
connection, and prints what came back as JSON: the end-to-end tests of `dcmc serve` drive it.

usage: http_requests.py BASE_URL REQUESTS.json [CA.pem]
REQUESTS.json: [{"method": "GET", "path": "/api/v1/cases", "token": null, "body": null, "headers": {},
"header_lines": [["Name", "value"], ...]}, ...]
A body is sent as application/json unless "headers" name another Content-Type. "header_lines"
are sent after the others as given, so a name may repeat (or repeat one of "headers"). An https
BASE_URL is checked against CA.pem.
Output: [{"status": 200, "content_type": "...", "headers": {...}, "body": <JSON or text>}, ...]
Each request waits at most 30 seconds.
"""
import http.client
import json
import ssl
import sys
import urllib.parse


def connect(base, authority):
    if base.scheme == "https":
        context = ssl.create_default_context(cafile=authority)
        return http.client.HTTPSConnection(base.hostname, base.port, timeout=30, context=context)
    return http.client.HTTPConnection(base.hostname, base.port, timeout=30)


def main():
    base = urllib.parse.urlsplit(sys.argv[1])
    authority = sys.argv[3] if len(sys.argv) > 3 else None
    with open(sys.argv[2], encoding="utf-8") as handle:
        requests = json.load(handle)
    connection = connect(base, authority)
    answers = []
    for request in requests:
        headers = {}
        if request.get("token"):
            headers["Authorization"] = "Bearer " + request["token"]
        body = request.get("body")
        if body is not None:
            body = body.encode("utf-8")
            headers["Content-Type"] = "application/json"
        headers.update(request.get("headers") or {})
        try:
            if request.get("header_lines"):
                connection.putrequest(request["method"], request["path"], skip_accept_encoding=True)
                for name, value in list(headers.items()) + request["header_lines"]:
                    connection.putheader(name, value)
                if body is not None:
                    connection.putheader("Content-Length", str(len(body)))
                connection.endheaders(body)
            else:
                connection.request(request["method"], request["path"], body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        except (ConnectionError, http.client.HTTPException) as error:
            answers.append({"status": 0, "error": str(error)})
            connection.close()
            connection = connect(base, authority)
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
            connection = connect(base, authority)
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
