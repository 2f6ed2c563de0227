#!/usr/bin/env python3
"""Writes Schemas/report-lines.schema.json, the schema of one line of
`barrierfree check --format jsonl`, from Schemas/report.schema.json: the lines
carry the JSON report's pieces, so their definitions are copied from it, not
written twice by hand. With --check, says whether the committed file is
current instead (exit 1 when not).

    python3 Scripts/lines-schema.py [--check]
"""
import copy
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent
report = json.loads((root / "Schemas/report.schema.json").read_text(encoding="utf-8"))
defs = copy.deepcopy(report["$defs"])
top = report["properties"]


def typed(name, schema, extra=None, required=()):
    """`schema` as a line: with its `type` and the `extra` keys."""
    line = copy.deepcopy(schema)
    line.setdefault("properties", {})
    line["properties"] = {"type": {"const": name}, **(extra or {}), **line["properties"]}
    line["required"] = ["type", *required, *line.get("required", [])]
    line["additionalProperties"] = False
    return line


place = {
    "quarter": {"type": ["string", "null"], "description": "The quarter the building stands in; null outside one."}
}
header_keys = ["schemaVersion", "tool", "profile", "inputs", "findings", "rules"]
header = {
    "type": "object",
    "description": "The first line: what the JSON report's header says, without the summary.",
    "properties": {key: copy.deepcopy(top[key]) for key in header_keys},
    "required": header_keys,
}
building = copy.deepcopy(defs["building"])
del building["properties"]["flats"]
building["required"] = [key for key in building["required"] if key != "flats"]
building["description"] = "A building's own findings (its places and connectors), before its flats."
flat = typed(
    "flat",
    defs["flat"],
    {"building": {"type": "string"}, **place},
    required=["building", "quarter"],
)
flat["description"] = "A flat, as the JSON report writes it, with its building and quarter."
schema = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "urn:barrierfree:report-lines:2",
    "title": "BarrierFree check report as JSON Lines, schema version 2: one line",
    "description": (
        "What each line of `barrierfree check --format jsonl` is: a header, then per building a "
        "building line and a line per flat, a quarter line after each quarter's buildings, and a "
        "summary line last. A file without the summary line is incomplete (a failed run ends with "
        "an incomplete line). Generated from report.schema.json by Scripts/lines-schema.py."
    ),
    "oneOf": [
        {"$ref": "#/$defs/headerLine"},
        {"$ref": "#/$defs/buildingLine"},
        {"$ref": "#/$defs/flatLine"},
        {"$ref": "#/$defs/quarterLine"},
        {"$ref": "#/$defs/summaryLine"},
        {"$ref": "#/$defs/incompleteLine"},
    ],
    "$defs": {
        **defs,
        "headerLine": typed("header", header),
        "buildingLine": typed("building", building, place, required=["quarter"]),
        "flatLine": flat,
        "quarterLine": typed("quarter", defs["quarter"]),
        "summaryLine": typed("summary", top["summary"]),
        "incompleteLine": {
            "type": "object",
            "description": "The last line of a run that could not read all its inputs, in place of the summary.",
            "required": ["type", "note"],
            "additionalProperties": False,
            "properties": {"type": {"const": "incomplete"}, "note": {"type": "string"}},
        },
    },
}
text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
target = root / "Schemas/report-lines.schema.json"
if sys.argv[1:] == ["--check"]:
    current = target.read_text(encoding="utf-8") if target.exists() else ""
    if current != text:
        print("Schemas/report-lines.schema.json is out of date: run python3 Scripts/lines-schema.py")
        sys.exit(1)
else:
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target.relative_to(root)}")
