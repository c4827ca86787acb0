#!/usr/bin/env python3
"""Runs schemathesis (PyPI, pinned below) against a running `dcmc serve`: every operation of
its /api/v1/openapi.json with a bounded number of generated requests, checking that no
response is a 5xx, that each status, content type and body matches the description, and that
requests the description forbids are refused. Loopback only; the end-to-end tests run it.

usage: api_conformance.py BASE_URL TOKEN
Exit status: 0 no failure, 1 failures (printed), 3 schemathesis missing or not the pinned version.
"""
import subprocess
import sys
import tempfile

VERSION = "4.32.5"
INSTALL = f"python3 -m pip install schemathesis=={VERSION}"


def main():
    try:
        import schemathesis
    except ImportError:
        print(f"schemathesis is not installed; install it with: {INSTALL}", file=sys.stderr)
        sys.exit(3)
    if schemathesis.__version__ != VERSION:
        print(f"schemathesis {schemathesis.__version__} is not the pinned {VERSION}; {INSTALL}", file=sys.stderr)
        sys.exit(3)
    base, token = sys.argv[1], sys.argv[2]
    command = [
        sys.executable, "-m", "schemathesis.cli", "run", base + "/api/v1/openapi.json",
        "--header", "Authorization: Bearer " + token,
        "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
        "response_schema_conformance,negative_data_rejection",
        # The event stream never ends by itself: the end-to-end tests read it.
        "--exclude-path", "/api/v1/events",
        "--max-examples", "8", "--max-time", "45", "--request-timeout", "10", "--workers", "1",
        "--seed", "18", "--generation-database", "none", "--no-color", "--warnings", "off",
    ]
    # Its cache goes to a scratch directory, not the checkout.
    with tempfile.TemporaryDirectory() as scratch:
        status = subprocess.run(command, timeout=300, cwd=scratch).returncode
    sys.exit(status)


main()
