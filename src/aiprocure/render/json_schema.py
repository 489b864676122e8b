"""The JSON Schema (2020-12) of the JSON report (``aiprocure schema --report``, shipped as
docs/report-schema.json): the report models' own schema, with a description for every field."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from aiprocure.model.findings import REPORT_VERSION
from aiprocure.render.json_ import _RULE_FIELDS, SCHEMA_ID, _ReportSet

# Descriptions for the fields the model leaves undocumented, keyed by (definition, field). A
# description given in the model itself always wins.
FIELD_DOCS: dict[tuple[str, str], str] = {
    ("Report", "report_version"): "version of this report format; changes only incompatibly",
    ("Report", "tool"): "always aiprocure",
    ("Report", "tool_version"): "version of aiprocure that produced the report",
    ("Report", "generated_at"): (
        "ISO 8601 time of the run, only when given explicitly (option or SOURCE_DATE_EPOCH); "
        "null keeps reports reproducible"
    ),
    ("Report", "subject"): "the vendor and system the declaration describes",
    ("Report", "inputs"): (
        "sha256 digest of the declaration, of every checklist, waiver and configuration file "
        "used, and of every evidence file the declaration names"
    ),
    ("Report", "checklists"): "id and version of every checklist used",
    ("Report", "risk_level"): "overall risk: the worst category risk (= risk.level)",
    ("Report", "high_risk"): "the high-risk determination sheet, viewpoint by viewpoint",
    ("Report", "categories"): "score 0-100 and risk per category, with counts by status",
    ("Report", "findings"): "one finding per rule: failing first, then by severity and rule ID",
    ("Finding", "rule_id"): "stable rule ID from the checklist",
    ("Finding", "status"): "pass, fail, unanswered, unverified (lacks evidence), n/a, waived",
    ("Finding", "severity"): "the rule's severity (info, low, medium, high, critical)",
    ("Finding", "message"): "what was found, in Japanese and English",
    ("Finding", "location"): "where in the declaration (subject.declaration) the finding points",
    ("RuleInfo", "category"): "category ID; see categories[].category",
    ("RuleInfo", "sheet"): "the DS-920 check sheet the rule comes from",
    ("RuleInfo", "title"): "the rule's title in Japanese and English",
    ("RuleInfo", "remediation"): "what the vendor or the ministry can do, in Japanese and English",
    ("RuleInfo", "provenance"): "what the rule rests on: guideline, other official source, tool",
    ("RuleInfo", "references"): "guideline sections and other sources",
    ("Finding", "review_flag"): "an open finding of a review_flag rule: an escalation",
    ("Finding", "waiver"): "the waiver that covers this finding, if status is waived",
    ("Location", "line"): "1-based line",
    ("Location", "col"): "1-based column, in Unicode code points",
    ("Location", "field"): "dotted field path in the declaration, e.g. data_locations.storage",
    ("InputDigest", "sha256"): "hex sha256 of the file's bytes",
    ("CategoryScore", "score"): "100 * points / max_points, rounded; 100 when nothing applies",
    ("CategoryScore", "counts"): "number of findings in the category by status",
}


def _drop(definition: dict[str, Any], names: Sequence[str]) -> None:
    for name in names:
        definition["properties"].pop(name)
        if name in definition.get("required", []):
            definition["required"].remove(name)


def report_json_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of the JSON report: one report, or several in a ``reports`` list."""
    raw = _ReportSet.model_json_schema(mode="serialization")
    defs: dict[str, Any] = json.loads(
        json.dumps(raw.pop("$defs")).replace('"#/$defs/_Entry"', '"#/$defs/Report"')
    )
    report = defs.pop("_Entry")
    report["title"] = "Report"
    report["description"] = (
        "The assessment of one vendor declaration against the DS-920 checklists."
    )
    rules = report["properties"]["rules"]
    rules.update(next(t for t in rules.pop("anyOf") if t.get("type") == "object"))
    rules.pop("default", None)
    defs["Report"] = report
    _drop(defs["Finding"], _RULE_FIELDS)
    _drop(defs["Location"], ["file"])
    defs["ReportSet"] = {
        "title": "ReportSet",
        "description": "Several declarations checked in one run.",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "report_version": {"const": REPORT_VERSION, "type": "string"},
            "rules": {
                **raw["properties"]["rules"],
                "description": "the rules of the findings of every report, by rule ID",
            },
            "reports": {"type": "array", "items": {"$ref": "#/$defs/Report"}, "minItems": 2},
        },
        "required": ["report_version", "rules", "reports"],
    }
    for (name, field), text in FIELD_DOCS.items():
        prop = defs[name]["properties"][field]
        prop.setdefault("description", text)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "aiprocure report",
        "description": (
            "Output of `aiprocure check --format json`: a single report (with its `rules`), or a "
            "ReportSet when several declarations are checked in one run. A finding names its "
            "rule by `rule_id`; the rule's title, remediation and references are in `rules` "
            "(the report's own, else the set's)."
        ),
        "version": REPORT_VERSION,
        "oneOf": [
            {"allOf": [{"$ref": "#/$defs/Report"}, {"required": ["rules"]}]},
            {"$ref": "#/$defs/ReportSet"},
        ],
        "$defs": {k: defs[k] for k in sorted(defs)},
    }
