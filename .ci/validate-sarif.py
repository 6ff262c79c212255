#!/usr/bin/env python3
"""Validates SARIF files against the SARIF 2.1.0 JSON schema.

    python3 .ci/validate-sarif.py FILE.sarif [FILE.sarif ...]   (- for stdin)

The schema is not kept in this repository: it is the copy that the npm
package @microsoft/jest-sarif ships (lib/schemas/sarif-2.1.0-rtm.5.json,
the OASIS SARIF 2.1.0 schema as published by Microsoft's SARIF SDK). It
needs, once per machine:

    npm install --global --ignore-scripts @microsoft/jest-sarif@1.0.0-beta.0
    pip install jsonschema

The schema is looked for in --schema PATH, then $SARIF_SCHEMA, then in the
package inside any node_modules above the working directory or this script,
in $NODE_PATH, and in `npm root -g`.

Exit status: 0 valid, 1 invalid, 2 the schema or jsonschema is missing or a
file cannot be read.
"""

import argparse
import glob
import json
import os
import subprocess
import sys

PACKAGE = os.path.join("@microsoft", "jest-sarif")
PATTERNS = ("sarif-schema-2.1.0.json", "sarif-2.1.0*.json")
INSTALL = "npm install --global --ignore-scripts @microsoft/jest-sarif@1.0.0-beta.0"


def node_module_dirs():
    """Directories that may hold the package, nearest first."""
    seen = []

    def add(path):
        if path and os.path.isdir(path) and path not in seen:
            seen.append(path)

    for start in (os.getcwd(), os.path.dirname(os.path.abspath(__file__))):
        d = start
        while True:
            add(os.path.join(d, "node_modules"))
            parent = os.path.dirname(d)
            if parent == d:
                break
            d = parent
    for p in os.environ.get("NODE_PATH", "").split(os.pathsep):
        add(p)
    try:
        root = subprocess.run(
            ["npm", "root", "-g"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        ).stdout.strip()
        add(root)
    except (OSError, subprocess.SubprocessError):
        pass
    for p in ("/usr/lib/node_modules", "/usr/local/lib/node_modules"):
        add(p)
    return seen


def find_schema(explicit):
    if explicit:
        return explicit
    if os.environ.get("SARIF_SCHEMA"):
        return os.environ["SARIF_SCHEMA"]
    for modules in node_module_dirs():
        schemas = os.path.join(modules, PACKAGE, "lib", "schemas")
        for pattern in PATTERNS:
            found = sorted(glob.glob(os.path.join(schemas, pattern)))
            if found:
                return found[-1]
    return None


def load(path):
    if path == "-":
        return json.load(sys.stdin)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def location(error):
    return "$" + "".join(
        f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--schema", help="path of the SARIF 2.1.0 JSON schema")
    args = parser.parse_args()

    try:
        import jsonschema
    except ImportError:
        print("validate-sarif: needs jsonschema: pip install jsonschema", file=sys.stderr)
        return 2
    schema_path = find_schema(args.schema)
    if not schema_path or not os.path.isfile(schema_path):
        print(
            f"validate-sarif: SARIF 2.1.0 schema not found; install it with: {INSTALL}",
            file=sys.stderr,
        )
        return 2
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)

    status = 0
    for path in args.files:
        try:
            document = load(path)
        except (OSError, ValueError) as e:
            print(f"{path}: cannot read: {e}", file=sys.stderr)
            status = max(status, 2)
            continue
        errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
        if errors:
            for e in errors:
                print(f"{path}: {location(e)}: {e.message}", file=sys.stderr)
            status = max(status, 1)
        else:
            print(f"{path}: valid SARIF 2.1.0 ({os.path.basename(schema_path)})")
    return status


if __name__ == "__main__":
    sys.exit(main())
