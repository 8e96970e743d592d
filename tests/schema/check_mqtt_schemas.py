#!/usr/bin/env python3
"""Checks schemas/mqtt/ and tests/schema/validate_mqtt_payloads.py against the case table.

1. Every schema file is a valid Draft 2020-12 schema with a camtwin $id.
2. Every case in tests/data/mqtt_payload_cases.yaml gets its verdict from the validator: a good
   case no problem, a bad case a problem containing its `error` text, a `skipped` case no check.
3. Every kind of payload has at least one good and three bad cases.
4. The command line agrees: the good cases as one file exit 0 with `N payloads valid`, the bad
   cases exit 1 with one line per problem, and a bad prefix exits 2.
"""

import json
import pathlib
import subprocess
import sys
import tempfile

import jsonschema
import yaml

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import validate_mqtt_payloads as mqtt  # noqa: E402  (needs the path above)

ROOT = mqtt.ROOT
CASES = ROOT / "tests" / "data" / "mqtt_payload_cases.yaml"
VALIDATOR = pathlib.Path(mqtt.__file__).resolve()
PREFIX, HA_PREFIX = "shifu", "homeassistant"
# The name each route kind is counted under for the coverage rule.
COVERAGE_NAMES = {"ha_config": "ha_discovery", "info_xml": "info/xml", None: "no schema"}
MIN_GOOD, MIN_BAD = 1, 3


def check_schema_files():
    failures = []
    for name, schema in mqtt.load_schemas().items():
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as error:
            failures.append(f"schemas/mqtt/{name}.schema.json: {error.message}")
        expected_id = f"https://camtwin.dev/schemas/mqtt/{name}.schema.json"
        if schema.get("$id") != expected_id:
            failures.append(f"schemas/mqtt/{name}.schema.json: $id is not {expected_id}")
    return len(mqtt.SCHEMA_NAMES), failures


def case_record(case):
    """The validator input line a case stands for."""
    record = {"topic": case["topic"]}
    if "json" in case:
        record["payload"] = json.dumps(case["json"], separators=(",", ":"), ensure_ascii=False)
    for key in ("payload", "payload_base64", "expect_valid", "schema"):
        if key in case:
            record[key] = case[key]
    return record


def case_failure(case, checked, problems):
    """Why the validator's answer differs from the table's, or None."""
    if ("valid" in case) == bool(case.get("skipped")):
        return "needs exactly one of `valid` and `skipped: true`"
    if case.get("skipped"):
        return None if not checked else f"checked, the table says skipped ({problems})"
    if not checked:
        return "skipped, the table expects a verdict"
    if case["valid"]:
        return f"rejected: {'; '.join(problems)}" if problems else None
    if "error" not in case:
        return "a bad case needs `error`"
    if not any(case["error"] in problem for problem in problems):
        found = "; ".join(problems) if problems else "accepted"
        return f"expected a problem containing {case['error']!r}, got: {found}"
    return None


def coverage_name(case, context):
    if "schema" in case:
        return case["schema"]
    kind = mqtt.classify(case["topic"], context.prefix, context.ha_prefix).kind
    return COVERAGE_NAMES.get(kind, kind)


def check_cases(cases, context):
    failures, counts = [], {}
    for case in cases:
        try:
            checked, problems = mqtt.check_record(case_record(case), context)
        except mqtt.RecordError as error:
            checked, problems = True, [f"bad record: {error}"]
        failure = case_failure(case, checked, problems)
        if failure:
            failures.append(f"case '{case['name']}': {failure}")
        if checked and "valid" in case:
            tally = counts.setdefault(coverage_name(case, context), [0, 0])
            tally[0 if case["valid"] else 1] += 1
    return failures + check_coverage(counts)


def check_coverage(counts):
    failures = []
    for name in ("availability", "command", "result", "state", "info", "ha_discovery", "info/xml",
                 "snapshot"):
        good, bad = counts.get(name, [0, 0])
        if good < MIN_GOOD or bad < MIN_BAD:
            failures.append(f"coverage: {name} has {good} good and {bad} bad cases, needs "
                            f"{MIN_GOOD} and {MIN_BAD}")
    return failures


def run_cli(records, *extra):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as file:
        file.writelines(json.dumps(record) + "\n" for record in records)
        file.flush()
        command = [sys.executable, str(VALIDATOR), "--prefix", PREFIX, "--ha-prefix", HA_PREFIX,
                   *extra, file.name]
        return subprocess.run(command, capture_output=True, text=True, check=False)


def check_cli(cases):
    """The command line's exit status and output for the good cases, the bad cases and misuse."""
    failures = []
    good = [case_record(case) for case in cases if case.get("valid") is True]
    bad = [case_record(case) for case in cases if case.get("valid") is False]

    run = run_cli(good)
    if run.returncode != 0 or run.stdout.strip() != f"{len(good)} payloads valid":
        failures.append(f"cli good cases: exit {run.returncode}, output {run.stdout.strip()!r}")

    run = run_cli(bad)
    lines = run.stdout.splitlines()
    topics = {record["topic"] for record in bad}
    if run.returncode != 1 or len(lines) < len(bad) or any(
            line.split(": ", 1)[0] not in topics for line in lines):
        failures.append(f"cli bad cases: exit {run.returncode}, {len(lines)} lines for "
                        f"{len(bad)} cases")

    run = run_cli(good, "--prefix", "shifu/#")
    if run.returncode != 2:
        failures.append(f"cli bad prefix: exit {run.returncode}, expected 2")
    return 3, failures


def main():
    context = mqtt.Context(PREFIX, HA_PREFIX)
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))

    schema_count, schema_failures = check_schema_files()
    case_failures = check_cases(cases, context)
    cli_count, cli_failures = check_cli(cases)

    failures = schema_failures + case_failures + cli_failures
    for failure in failures:
        print(f"FAIL {failure}")
    print(f"{len(failures)} failed of {schema_count} schemas, {len(cases)} cases and "
          f"{cli_count} command-line runs")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
