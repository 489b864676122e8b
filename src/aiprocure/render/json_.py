"""JSON: the report data itself, in a stable field order. Several reports become a list."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from pydantic_core import PydanticSerializationError

from aiprocure.model.common import Lang
from aiprocure.model.findings import REPORT_VERSION, Report

SCHEMA_ID = f"urn:aiprocure:report:{REPORT_VERSION}"

# Characters that are valid raw in JSON strings but can mislead whoever reads or pastes the text:
# DEL and C1 controls, zero-width and direction marks, line/paragraph separators (raw in JSON, line
# breaks in JavaScript), bidi embeddings/overrides/isolates, invisible operators, BOM, and lone
# surrogates (undecodable file names; they cannot be encoded as UTF-8 at all). They only ever occur
# inside strings (JSON's own syntax is ASCII), so writing them as \uXXXX keeps the same data.
_UNSAFE = re.compile("[\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")
# Where pydantic-core and the json module write a float differently: only for magnitudes below
# 1e-4 (``0.00001`` / ``1e-05``, ``1e-6`` / ``1e-06``). A match (even inside a string) sends that
# report through the json module, so the bytes never depend on which encoder ran.
_FLOAT_STYLE = re.compile(r"[0-9]e-[0-9](?![0-9])|0\.0000")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _report_json(report: Report) -> str:
    """One report as ``json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2)``
    would write it, but serialised by pydantic-core: the json module's indenting encoder is pure
    Python and took most of a batch run's time."""
    try:
        text = report.model_dump_json(indent=2)
    except PydanticSerializationError:  # a lone surrogate; the json module copes
        text = None
    if text is None or _FLOAT_STYLE.search(text):
        text = json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2)
    return text


def render(reports: Sequence[Report], lang: Lang) -> str:
    del lang  # the JSON report carries both languages
    if len(reports) == 1:
        body = _report_json(reports[0])
    elif not reports:
        body = json.dumps({"report_version": REPORT_VERSION, "reports": []}, indent=2)
    else:  # {"report_version": ..., "reports": [...]}, each report indented two levels
        items = ",\n".join("    " + _report_json(r).replace("\n", "\n    ") for r in reports)
        head = json.dumps(REPORT_VERSION)
        body = f'{{\n  "report_version": {head},\n  "reports": [\n{items}\n  ]\n}}'
    return _UNSAFE.sub(_escape, body) + "\n"


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
    ("Report", "inputs"): "sha256 digest of the declaration and of every checklist used",
    ("Report", "checklists"): "id and version of every checklist used",
    ("Report", "risk_level"): "overall risk: the worst category risk",
    ("Report", "review_required"): "true if the case goes to CAIO / advisory-board review",
    ("Report", "review_flags"): "why the case goes to review: high-risk viewpoints, critical rules",
    ("Report", "high_risk"): "the high-risk determination sheet, viewpoint by viewpoint",
    ("Report", "categories"): "score 0-100 and risk per category, with counts by status",
    ("Report", "findings"): "one finding per rule: failing first, then by severity and rule ID",
    ("Finding", "rule_id"): "stable rule ID from the checklist",
    ("Finding", "status"): "pass, fail, unanswered, unverified (lacks evidence), n/a, waived",
    ("Finding", "severity"): "the rule's severity (info, low, medium, high, critical)",
    ("Finding", "category"): "category ID; see categories[].category",
    ("Finding", "sheet"): "the DS-920 check sheet the rule comes from",
    ("Finding", "title"): "the rule's title in Japanese and English",
    ("Finding", "message"): "what was found, in Japanese and English",
    ("Finding", "remediation"): "what the vendor or the ministry can do, in Japanese and English",
    ("Finding", "provenance"): "what the rule rests on: guideline, other official source, tool",
    ("Finding", "references"): "guideline sections and other sources",
    ("Finding", "location"): "where in the declaration the finding points",
    ("Finding", "review_flag"): "a failure of this rule sends the case to review",
    ("Finding", "waiver"): "the waiver that covers this finding, if status is waived",
    ("Location", "file"): "the declaration's path as given on the command line",
    ("Location", "line"): "1-based line",
    ("Location", "col"): "1-based column, in Unicode code points",
    ("Location", "field"): "dotted field path in the declaration, e.g. data_locations.storage",
    ("InputDigest", "sha256"): "hex sha256 of the file's bytes",
    ("CategoryScore", "score"): "100 * points / max_points, rounded; 100 when nothing applies",
    ("CategoryScore", "counts"): "number of findings in the category by status",
}


def report_json_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of the JSON report: one report, or several in a ``reports`` list."""
    raw = Report.model_json_schema(mode="serialization")
    defs: dict[str, Any] = dict(raw.pop("$defs"))
    defs["Report"] = {
        **raw,
        "description": "The assessment of one vendor declaration against the DS-920 checklists.",
    }
    defs["ReportSet"] = {
        "title": "ReportSet",
        "description": "Several declarations checked in one run.",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "report_version": {"const": REPORT_VERSION, "type": "string"},
            "reports": {"type": "array", "items": {"$ref": "#/$defs/Report"}, "minItems": 2},
        },
        "required": ["report_version", "reports"],
    }
    for (name, field), text in FIELD_DOCS.items():
        prop = defs[name]["properties"][field]
        prop.setdefault("description", text)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "aiprocure report",
        "description": (
            "Output of `aiprocure check --format json`: a single report, or a ReportSet when "
            "several declarations are checked in one run."
        ),
        "version": REPORT_VERSION,
        "oneOf": [{"$ref": "#/$defs/Report"}, {"$ref": "#/$defs/ReportSet"}],
        "$defs": {k: defs[k] for k in sorted(defs)},
    }
