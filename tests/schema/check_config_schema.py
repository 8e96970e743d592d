#!/usr/bin/env python3
"""Checks schemas/config.schema.json against the shipped examples and the case table.

The case table (tests/data/config_cases.yaml) lists, for each config, the exact problems
camtwin's loader reports; the C++ test proves the loader does. This script proves the schema
agrees: it accepts a config exactly when the table lists no problem, except for the cases marked
`schema_sees: false`, which break a rule no JSON Schema can express and must be accepted.
"""

import json
import pathlib
import sys

import jsonschema
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]


def load_schema():
    schema = json.loads((ROOT / "schemas" / "config.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def case_document(case):
    if "config_text" in case:
        try:
            return yaml.safe_load(case["config_text"])
        except yaml.YAMLError:
            return "not YAML"  # any non-object: the schema must reject it
    return case["config"]


def check_examples(validator):
    failures = []
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    for path in examples:
        for error in validator.iter_errors(yaml.safe_load(path.read_text())):
            failures.append(f"{path.name}: {error.json_path}: {error.message}")
    return len(examples), failures


def check_cases(validator):
    failures = []
    cases = yaml.safe_load((ROOT / "tests" / "data" / "config_cases.yaml").read_text())
    for case in cases:
        accepted = validator.is_valid(case_document(case))
        should_accept = not case["errors"] or case.get("schema_sees", True) is False
        if accepted != should_accept:
            verdict = "accepts" if accepted else "rejects"
            failures.append(f"case '{case['name']}': the schema {verdict} it, the table says "
                            f"{'valid' if should_accept else 'invalid'}")
    return len(cases), failures


def main():
    validator = load_schema()
    example_count, example_failures = check_examples(validator)
    case_count, case_failures = check_cases(validator)
    failures = example_failures + case_failures
    for failure in failures:
        print(f"FAIL {failure}")
    checked = example_count + case_count
    print(f"{checked - len(failures)} passed, {len(failures)} failed")
    return 1 if failures or example_count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
