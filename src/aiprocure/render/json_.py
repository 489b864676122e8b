"""JSON: the report data itself, in a stable field order. Several reports become a list."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticSerializationError

from aiprocure.model.common import Lang
from aiprocure.model.findings import REPORT_VERSION, Report

SCHEMA_ID = f"urn:aiprocure:report:{REPORT_VERSION}"

# Characters that are valid raw in JSON strings but can mislead whoever reads or pastes the text:
# DEL and C1 controls, zero-width and direction marks, line/paragraph separators (raw in JSON, line
# breaks in JavaScript), bidi embeddings/overrides/isolates, invisible operators and the BOM. They
# only ever occur inside strings (JSON's own syntax is ASCII), so writing them as \uXXXX keeps the
# same data. Lone surrogates (undecodable file names) are escaped too: UTF-8 cannot carry them.
_UNSAFE_CHARS = "".join(
    map(
        chr,
        [
            *range(0x7F, 0xA0),
            *range(0x200B, 0x2010),
            *range(0x2028, 0x202F),
            *range(0x2060, 0x206A),
            0xFEFF,
        ],
    )
)
_UNSAFE = re.compile(f"[{re.escape(_UNSAFE_CHARS)}\ud800-\udfff]")
# The same characters in pydantic-core's UTF-8 output; scanning bytes for a literal lead byte is a
# few times faster than scanning text with a character class. _MAYBE_UNSAFE* find a superset.
_UNSAFE_UTF8 = re.compile(b"|".join(re.escape(c.encode()) for c in _UNSAFE_CHARS))
_MAYBE_UNSAFE_C2 = re.compile(rb"\xc2[\x80-\x9f]")
_MAYBE_UNSAFE_E2 = re.compile(rb"\xe2[\x80\x81]")
# pydantic-core and the json module write a float differently only below 1e-4 in magnitude
# (``0.00001`` / ``1e-05``, ``2.5e-6`` / ``2.5e-06``); such output is written by the json module.
_SHORT_EXPONENT = re.compile(rb"e-[0-9](?![0-9])")


class _ReportSet(BaseModel):
    """Several reports in one document (serialisation only; see ReportSet in the schema)."""

    report_version: str
    reports: list[Report]


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _escape_utf8(match: re.Match[bytes]) -> bytes:
    return b"\\u%04x" % ord(match.group().decode())


def _fast(doc: Report | _ReportSet) -> str | None:
    """``doc`` as the json module writes it (``ensure_ascii=False, indent=2``), serialised by
    pydantic-core; None where their bytes would differ. The json module's indenting encoder is
    pure Python and took most of a batch run's time."""
    try:
        raw = type(doc).__pydantic_serializer__.to_json(doc, indent=2)
    except PydanticSerializationError:  # a lone surrogate
        return None
    if b"0.0000" in raw or any(
        raw[m.start() - 1 : m.start()].isdigit() for m in _SHORT_EXPONENT.finditer(raw)
    ):
        return None
    if (
        b"\x7f" in raw
        or b"\xef\xbb\xbf" in raw
        or _MAYBE_UNSAFE_C2.search(raw)
        or _MAYBE_UNSAFE_E2.search(raw)
    ):
        raw = _UNSAFE_UTF8.sub(_escape_utf8, raw)
    return raw.decode("utf-8")


def _slow(reports: Sequence[Report]) -> str:
    docs = [r.model_dump(mode="json") for r in reports]
    body = docs[0] if len(docs) == 1 else {"report_version": REPORT_VERSION, "reports": docs}
    return _UNSAFE.sub(_escape, json.dumps(body, ensure_ascii=False, indent=2))


def render(reports: Sequence[Report], lang: Lang) -> str:
    del lang  # the JSON report carries both languages
    if len(reports) == 1:
        doc: Report | _ReportSet = reports[0]
    else:
        doc = _ReportSet.model_construct(report_version=REPORT_VERSION, reports=list(reports))
    text = _fast(doc) if reports else None
    return (_slow(reports) if text is None else text) + "\n"


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
