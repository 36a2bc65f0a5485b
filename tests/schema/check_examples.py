#!/usr/bin/env python3
"""Validates every example manifest against schema/pmreconcile.schema.json (draft-07) and with
`pmreconcile validate`, and checks that both reject the invalid manifests in tests/schema/invalid/.

Usage: check_examples.py SOURCE_DIR PMRECONCILE
"""
import glob
import json
import os
import subprocess
import sys

import jsonschema
import yaml


def main() -> int:
    source, pmreconcile = sys.argv[1], sys.argv[2]
    schema = json.load(open(os.path.join(source, "schema", "pmreconcile.schema.json")))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    passed = failed = 0

    def outcome(ok: bool, what: str) -> None:
        nonlocal passed, failed
        print(("PASS " if ok else "FAIL ") + what)
        passed, failed = passed + ok, failed + (not ok)

    for path in sorted(glob.glob(os.path.join(source, "examples", "*.yaml"))):
        errors = list(validator.iter_errors(yaml.safe_load(open(path))))
        outcome(not errors, f"schema accepts {os.path.basename(path)} {[e.message for e in errors]}")
        run = subprocess.run([pmreconcile, "validate", "-f", path], capture_output=True, text=True)
        outcome(run.returncode == 0, f"pmreconcile validate accepts {os.path.basename(path)} {run.stderr}")

    for path in sorted(glob.glob(os.path.join(source, "tests", "schema", "invalid", "*.yaml"))):
        document = yaml.safe_load(open(path))
        outcome(not validator.is_valid(document), f"schema rejects {os.path.basename(path)}")
        run = subprocess.run([pmreconcile, "validate", "-f", path], capture_output=True, text=True)
        outcome(run.returncode == 1 and path in run.stderr,
                f"pmreconcile validate rejects {os.path.basename(path)}")

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
