#!/usr/bin/env python3
"""Checks captured MQTT messages against camtwin's MQTT contract (docs/mqtt.md, schemas/mqtt/).

Usage: validate_mqtt_payloads.py [--prefix shifu] [--ha-prefix homeassistant] FILE

FILE ('-' for stdin) holds one JSON object per line:
  {"topic": "shifu/cam1/state", "payload": "<UTF-8 text>"}
  {"topic": "shifu/cam1/snapshot", "payload_base64": "<base64 of the bytes>"}
Optional keys:
  "expect_valid": true  check a command topic's payload; commands are skipped without it, because
                        tests also publish commands that are meant to be refused;
  "schema": "result"    check the payload as a result (or state, info, availability) whatever
                        its topic, e.g. a result on an MQTT v5 response topic.

The check is chosen by topic. Every problem is printed as `<topic>: <message>`; the exit status is
0 when every message is valid, 1 when any is not and 2 on usage errors.

The functions are importable: tests/schema/check_mqtt_schemas.py runs its case table through
`check_record`.
"""

import argparse
import base64
import binascii
import json
import pathlib
import re
import sys
import xml.etree.ElementTree as ElementTree

import jsonschema
import referencing

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "schemas" / "mqtt"
SCHEMA_NAMES = ("availability", "command", "result", "state", "info", "ha_discovery")

MOVE_DIRECTIONS = {"up", "down", "left", "right", "up-left", "up-right", "down-left", "down-right"}
ZOOM_DIRECTIONS = {"in", "out"}
# Command topic (after the device) -> command.schema.json $def; move and zoom are matched apart.
PLAIN_COMMANDS = {
    "stop": "stop",
    "preset/goto": "preset_goto",
    "preset/set": "preset_set",
    "home": "home",
    "info/get": "info_get",
    "capture": "capture",
}
# First levels camtwin subscribes to with a trailing '+' (docs/mqtt.md, Commands).
COMMAND_GROUPS = {"move", "zoom", "preset"}
HA_COMPONENTS = {"button", "image"}
# HA's birth and will (online / offline): its own setting, not derived from the discovery prefix.
HA_BIRTH_TOPIC = "homeassistant/status"
HA_ID = re.compile(r"[a-zA-Z0-9_-]+")  # HA docs: node_id and object_id character class
OVERRIDE_SCHEMAS = {"result", "state", "info", "availability"}
# Payloads whose "device" field must name the topic's device level.
DEVICE_FIELD_CHECKS = {"result", "state", "info"}


class Context:
    """The prefixes and the compiled validators one run needs."""

    def __init__(self, prefix, ha_prefix, schema_dir=SCHEMA_DIR):
        self.prefix = prefix
        self.ha_prefix = ha_prefix
        self.schemas = load_schemas(schema_dir)
        self.registry = build_registry(self.schemas)
        self._validators = {}

    def validator(self, name, definition=None):
        """A Draft 2020-12 validator for a schema file, or for one of its $defs."""
        key = (name, definition)
        if key not in self._validators:
            schema_id = self.schemas[name]["$id"]
            ref = f"{schema_id}#/$defs/{definition}" if definition else schema_id
            self._validators[key] = jsonschema.Draft202012Validator(
                {"$ref": ref},
                registry=self.registry,
                format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
            )
        return self._validators[key]


def load_schemas(schema_dir=SCHEMA_DIR):
    """Reads every schemas/mqtt/<name>.schema.json, keyed by name."""
    return {name: json.loads((schema_dir / f"{name}.schema.json").read_text(encoding="utf-8"))
            for name in SCHEMA_NAMES}


def build_registry(schemas):
    resources = [(schema["$id"], referencing.Resource.from_contents(schema))
                 for schema in schemas.values()]
    return referencing.Registry().with_resources(resources)


# ---------------------------------------------------------------------------------------------
# Topic classification


class Route:
    """What a topic's payload must be: `kind`, plus the details some kinds need."""

    def __init__(self, kind, device=None, definition=None, problem=None):
        self.kind = kind              # availability, result, state, info, info_xml, snapshot,
                                      # ha_config, command, or None (no schema)
        self.device = device          # the topic's device level, when it has one
        self.definition = definition  # command.schema.json or ha_discovery.schema.json $def
        self.problem = problem        # why a recognised topic is still wrong


def split_under(topic, prefix):
    """The topic levels below prefix, or None when the topic is not under it."""
    head = prefix + "/"
    if not topic.startswith(head):
        return None
    return topic[len(head):].split("/")


def classify(topic, prefix, ha_prefix):
    """Maps a topic to the check its payload needs (docs/mqtt.md, Published by camtwin)."""
    if topic == HA_BIRTH_TOPIC:
        return Route("availability")
    levels = split_under(topic, ha_prefix)
    if levels is not None:
        route = classify_ha(levels)
        if route.kind is not None:
            return route
    levels = split_under(topic, prefix)
    if levels is None or len(levels) < 2 or not levels[0]:
        return Route(None)
    if levels[0] == "_bridge":
        return classify_bridge(levels)
    return classify_device(levels[0], levels[1:])


def classify_ha(levels):
    if levels == ["status"]:
        return Route("availability")  # a birth topic configured under the discovery prefix
    if len(levels) not in (3, 4) or levels[-1] != "config" or levels[0] not in HA_COMPONENTS:
        return Route(None)
    route = Route("ha_config", definition=levels[0])
    for level in levels[1:-1]:
        if not HA_ID.fullmatch(level):
            route.problem = (f"HA ignores this discovery topic: '{level}' has characters "
                             f"outside [a-zA-Z0-9_-]")
    return route


def classify_bridge(levels):
    if len(levels) >= 3 and levels[-1] == "availability" and all(levels[1:-1]):
        return Route("availability")
    return Route(None)


def classify_device(device, rest):
    published = {("availability",): "availability", ("result",): "result", ("state",): "state",
                 ("info",): "info", ("info", "xml"): "info_xml", ("snapshot",): "snapshot"}
    kind = published.get(tuple(rest))
    if kind is not None:
        return Route(kind, device=device)
    command = "/".join(rest)
    if command in PLAIN_COMMANDS:
        return Route("command", device=device, definition=PLAIN_COMMANDS[command])
    if len(rest) == 2 and rest[0] in COMMAND_GROUPS:
        definition = command_definition(rest)
        problem = None if definition else f"unknown command '{command}'"
        return Route("command", device=device, definition=definition, problem=problem)
    return Route(None)


def command_definition(rest):
    group, action = rest
    if group == "move" and action in MOVE_DIRECTIONS:
        return "move"
    if group == "zoom" and action in ZOOM_DIRECTIONS:
        return "zoom"
    return None


def command_for_topic(topic, context):
    """The command.schema.json $def for a command topic under the prefix, or None."""
    route = classify(topic, context.prefix, context.ha_prefix)
    return route.definition if route.kind == "command" else None


# ---------------------------------------------------------------------------------------------
# Payload checks; each returns a list of messages (empty: valid)


class JsonError(ValueError):
    pass


def parse_json(payload):
    """Strict JSON: UTF-8, no NaN or Infinity, no repeated keys."""
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as error:
        raise JsonError(f"payload is not UTF-8: {error.reason} at byte {error.start}") from None

    def reject_constant(name):
        raise JsonError(f"payload is not JSON: {name} is not a JSON number")

    def reject_repeats(pairs):
        keys = [key for key, _ in pairs]
        repeated = sorted({key for key in keys if keys.count(key) > 1})
        if repeated:
            raise JsonError(f"payload repeats the key(s) {', '.join(map(repr, repeated))}")
        return dict(pairs)

    try:
        return json.loads(text, parse_constant=reject_constant, object_pairs_hook=reject_repeats)
    except json.JSONDecodeError as error:
        raise JsonError(f"payload is not JSON: {error.msg} at character {error.pos}") from None


def schema_problems(validator, document, where=""):
    errors = sorted(validator.iter_errors(document), key=lambda e: (e.json_path, e.message))
    return [f"{where}{describe(error)}" for error in errors]


def describe(error):
    """`<json path>: <message>`, with the cause of an anyOf/oneOf failure instead of the value."""
    # Alternatives for another type of value (ptz: null or an object) say nothing useful.
    alternatives = [e for e in error.context or []
                    if not (e.validator == "type" and e.json_path == error.json_path)]
    if error.validator in ("anyOf", "oneOf") and alternatives:
        if len(alternatives) == 1:
            return describe(alternatives[0])
        if all(e.json_path == error.json_path for e in alternatives):  # image_topic or url_topic
            messages = sorted({short_message(e) for e in alternatives})
            return f"{error.json_path}: needs one of: {'; '.join(messages)}"
        return describe(jsonschema.exceptions.best_match(alternatives))
    return f"{error.json_path}: {short_message(error)}{rule_note(error)}"


def short_message(error, limit=60):
    """jsonschema's message, with a long object or array that opens it replaced by 'the value'."""
    value = repr(error.instance)
    compound = isinstance(error.instance, (dict, list))
    if compound and len(value) > limit and error.message.startswith(value):
        return "the value" + error.message[len(value):]
    return error.message


def rule_note(error):
    """A const that stems from a rule (result's ok and code) says why, from its description."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "const" and "description" in schema:
        return f" ({schema['description']})"
    return ""


def check_json(payload, validator):
    """Parses a JSON payload and validates it; returns (document or None, problems)."""
    if not payload:
        return None, ["empty payload, expected JSON"]
    try:
        document = parse_json(payload)
    except JsonError as error:
        return None, [str(error)]
    return document, schema_problems(validator, document)


def check_device_field(document, route):
    if route.device is None or not isinstance(document, dict):
        return []
    device = document.get("device")
    if isinstance(device, str) and device != route.device:
        return [f"$.device: '{device}' is not the topic's device '{route.device}'"]
    return []


def check_availability(payload, context):
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        return ["payload is not UTF-8"]
    if context.validator("availability").is_valid(text):
        return []
    return [f"payload {text!r} is not the bare word online or offline"]


def check_info_xml(payload, _context):
    if not payload:
        return ["empty payload, expected DeviceInfo XML"]
    try:
        root = ElementTree.fromstring(payload)
    except ElementTree.ParseError as error:
        return [f"payload is not well-formed XML: {error}"]
    local_name = root.tag.rpartition("}")[2]
    if local_name != "DeviceInfo":
        return [f"XML root is '{local_name}', expected DeviceInfo"]
    return []


def check_snapshot(payload, _context):
    if len(payload) < 4:
        return [f"payload of {len(payload)} bytes is not a JPEG"]
    head, tail = payload[:2].hex(" ").upper(), payload[-2:].hex(" ").upper()
    problems = []
    if head != "FF D8":
        problems.append(f"JPEG must start with FF D8 (SOI), starts with {head}")
    if tail != "FF D9":
        problems.append(f"JPEG must end with FF D9 (EOI), ends with {tail}")
    return problems


def check_ha_config(payload, route, context):
    if not payload:
        return []  # an empty retained config removes the entity
    document, problems = check_json(payload, context.validator("ha_discovery", route.definition))
    if document is not None and route.definition == "button":
        problems += check_payload_press(document, context)
    return problems


def check_payload_press(config, context):
    """A button's payload_press must be a valid payload for the command its topic names."""
    topic, press = config.get("command_topic"), config.get("payload_press")
    if not isinstance(topic, str) or not isinstance(press, str):
        return []
    definition = command_for_topic(topic, context)
    if definition is None:
        return [f"$.command_topic: '{topic}' is not a camtwin command topic"]
    return [f"$.payload_press: {problem}"
            for problem in check_command(press.encode("utf-8"), definition, context)]


def check_command(payload, definition, context):
    validator = context.validator("command", definition)
    if not payload:
        return schema_problems(validator, {}, where="empty payload (all defaults) ")
    return check_json(payload, validator)[1]


def check_payload(route, payload, context):
    """Problems with one payload, given where its topic routed it."""
    if route.problem:
        checkable = route.kind == "ha_config"
        return [route.problem] + (check_ha_config(payload, route, context) if checkable else [])
    if route.kind == "availability":
        return check_availability(payload, context)
    if route.kind == "info_xml":
        return check_info_xml(payload, context)
    if route.kind == "snapshot":
        return check_snapshot(payload, context)
    if route.kind == "ha_config":
        return check_ha_config(payload, route, context)
    if route.kind == "command":
        return check_command(payload, route.definition, context)
    document, problems = check_json(payload, context.validator(route.kind))
    if route.kind in DEVICE_FIELD_CHECKS:
        problems += check_device_field(document, route)
    return problems


# ---------------------------------------------------------------------------------------------
# Records (one line of FILE)


class RecordError(ValueError):
    pass


def record_payload(record):
    """The payload bytes of a record: "payload" is UTF-8 text, "payload_base64" raw bytes."""
    has_text, has_base64 = "payload" in record, "payload_base64" in record
    if has_text == has_base64:
        raise RecordError("needs exactly one of \"payload\" and \"payload_base64\"")
    if has_text:
        if not isinstance(record["payload"], str):
            raise RecordError("\"payload\" must be a string")
        return record["payload"].encode("utf-8")
    try:
        return base64.b64decode(record["payload_base64"], validate=True)
    except (binascii.Error, TypeError, ValueError) as error:
        raise RecordError(f"\"payload_base64\" is not base64: {error}") from None


def record_route(record, context):
    topic = record["topic"]
    override = record.get("schema")
    if override is not None:
        if override not in OVERRIDE_SCHEMAS:
            raise RecordError(f"unknown \"schema\" '{override}', expected one of "
                              f"{', '.join(sorted(OVERRIDE_SCHEMAS))}")
        return Route(override)
    return classify(topic, context.prefix, context.ha_prefix)


def check_record(record, context):
    """Checks one record; returns (checked, problems). A skipped command is (False, [])."""
    if not isinstance(record, dict) or not isinstance(record.get("topic"), str):
        raise RecordError("needs a string \"topic\"")
    route = record_route(record, context)
    payload = record_payload(record)
    if route.kind is None:
        return True, ["no schema for topic"]
    if route.kind == "command" and record.get("expect_valid") is not True:
        return False, []
    return True, check_payload(route, payload, context)


def check_lines(lines, context):
    """Checks every line; returns (checked, skipped, printable problems)."""
    checked, skipped, problems = 0, 0, []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            was_checked, record_problems = check_record(record, context)
        except json.JSONDecodeError as error:
            problems.append(f"line {number}: not a JSON line: {error}")
            continue
        except RecordError as error:
            problems.append(f"line {number}: {error}")
            continue
        checked += was_checked
        skipped += not was_checked
        problems += [f"{record['topic']}: {problem}" for problem in record_problems]
    return checked, skipped, problems


def topic_prefix(value):
    if not value or "+" in value or "#" in value or value.startswith("/") or value.endswith("/"):
        raise argparse.ArgumentTypeError(f"'{value}' is not a topic prefix")
    return value


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prefix", type=topic_prefix, default="shifu",
                        help="mqtt.topic_prefix (default: shifu)")
    parser.add_argument("--ha-prefix", type=topic_prefix, default="homeassistant",
                        help="mqtt.home_assistant.prefix (default: homeassistant)")
    parser.add_argument("file", help="JSON lines of {topic, payload | payload_base64}; - for stdin")
    return parser.parse_args(argv)


def read_lines(path):
    """The lines of FILE; exits with status 2 when it cannot be read."""
    if path == "-":
        return sys.stdin.read().splitlines()
    try:
        return pathlib.Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        print(f"validate_mqtt_payloads.py: error: cannot read {path}: {error}", file=sys.stderr)
        sys.exit(2)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    lines = read_lines(args.file)
    context = Context(args.prefix, args.ha_prefix)
    checked, skipped, problems = check_lines(lines, context)

    for problem in problems:
        print(problem)
    if problems:
        return 1
    note = f" ({skipped} command(s) without \"expect_valid\" not checked)" if skipped else ""
    print(f"{checked} payloads valid{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
