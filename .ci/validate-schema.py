#!/usr/bin/env python3
"""Validate YAML definition files against the JSON Schema that `dcmc schema` prints.

Usage: validate-schema.py SCHEMA FILE...

The schema is first checked to be a valid JSON Schema 2020-12. Every document of every file
is then validated on its own. YAML is read as the YAML language server reads it (YAML 1.2
core schema): only true/false are booleans and dates stay strings, as in dcmc. Each problem
is printed as `FILE: document N: PATH: MESSAGE`. Exit codes: 0 every document is valid,
1 a document is invalid, 2 usage or unreadable file, 3 a dependency is missing.
"""

import json
import re
import sys

INSTALL = "pip install jsonschema pyyaml"


def missing(what):
    print(f"validate-schema: {what}; install it with: {INSTALL}", file=sys.stderr)
    sys.exit(3)


try:
    import yaml
except ImportError:
    missing("PyYAML is not installed")
try:
    from jsonschema import Draft202012Validator
except ImportError:
    missing("jsonschema is not installed")


class CoreLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core scalars: no yes/no/on/off booleans, no timestamps,
    no sexagesimal or underscore numbers."""


CoreLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp",
                           "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"), list("-+.0123456789"))


def main(arguments):
    if len(arguments) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        with open(arguments[0], encoding="utf-8") as handle:
            schema = json.load(handle)
    except (OSError, ValueError) as error:
        print(f"validate-schema: cannot read the schema: {error}", file=sys.stderr)
        return 2
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    invalid = 0
    for path in arguments[1:]:
        try:
            with open(path, encoding="utf-8") as handle:
                documents = list(yaml.load_all(handle, Loader=CoreLoader))
        except (OSError, yaml.YAMLError) as error:
            print(f"validate-schema: cannot read {path}: {error}", file=sys.stderr)
            return 2
        for number, document in enumerate(documents, start=1):
            for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
                location = "/".join(str(part) for part in error.absolute_path) or "(document)"
                print(f"{path}: document {number}: {location}: {error.message}")
                invalid += 1
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
