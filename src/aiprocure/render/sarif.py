"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run for all declarations (GitHub no longer merges several runs of one tool and category), so:

* ``tool.driver.rules`` lists every rule that was evaluated, passing or not, sorted by ID. Listing
  the passing ones lets code scanning tell "fixed" from "not run" and close an alert;
* ``tool.extensions`` names each checklist and its version;
* a result is emitted per non-passing finding (fail, unanswered, unverified) and per waived finding,
  the latter with an ``external`` suppression that carries the waiver's justification; pass and
  not_applicable give no result;
* each high-risk review flag from the use-case sheet becomes a result too (rule = viewpoint ID), so
  a pull request that adds a high-risk case is annotated with "goes to CAIO review";
* ``level`` follows severity: critical and high -> error, medium -> warning, low and info -> note;
  ``security-severity`` (a string, 0.0-10.0) lets GitHub show critical/high/medium/low;
* ``partialFingerprints["aiprocure/v1"]`` hashes (file, rule, field) and not the line, so an alert
  survives edits above it.

No invocation object and no timestamps: identical input gives identical bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from aiprocure.model.checklist import Reference, Severity
from aiprocure.model.common import Lang
from aiprocure.model.findings import Finding, Location, Report, ReviewFlag, Status
from aiprocure.render.i18n import t
from aiprocure.render.markdown import escape as _md
from aiprocure.render.safe import clean
from aiprocure.render.verdicts import warns_only

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "aiprocure/v1"

LEVELS: dict[Severity, str] = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}

# GitHub: over 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
SECURITY_SEVERITY: dict[Severity, str] = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "1.0",
}

# Statuses that produce a result (waived ones come out suppressed).
REPORTED = (Status.FAIL, Status.UNANSWERED, Status.UNVERIFIED, Status.WAIVED)
REVIEW_LEVEL = "warning"


def render(reports: Sequence[Report], lang: Lang, *, tool_version: str | None = None) -> str:
    """The SARIF log. The driver's version is the reports' own ``tool_version`` (the lowest, if
    they differ); ``tool_version`` is only for a log of no reports, which otherwise names none."""
    version = _tool_version(reports) or tool_version
    rules = _rules(reports, lang)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for report in reports:
        for finding in report.findings:
            if finding.status in REPORTED:
                results.append(_finding_result(finding, index, lang))
        for flag in report.review_flags:  # raised and undetermined viewpoints (section 5.4)
            if flag.kind in _VIEWPOINT_FLAGS:
                results.append(_flag_result(flag, index, lang, warn=warns_only(report)))
    results.sort(key=_result_key)
    doc = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "aiprocure",
                        **({"semanticVersion": version, "version": version} if version else {}),
                        "rules": rules,
                    },
                    "extensions": _extensions(reports, lang),
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {"aiprocure": [_summary(r) for r in reports]},
            }
        ],
    }
    return json.dumps(_clean(doc), ensure_ascii=False, indent=2) + "\n"


def _clean(value: Any) -> Any:
    """Every string in the document without control characters (SARIF viewers display them)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _tool_version(reports: Sequence[Report]) -> str | None:
    return min((r.tool_version for r in reports), default=None)


def _extensions(reports: Sequence[Report], lang: Lang) -> list[dict[str, Any]]:
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for report in reports:
        for cl in report.checklists:
            seen.setdefault(
                (cl.id, cl.version),
                {"name": cl.id, "version": cl.version, "fullName": cl.title.get(lang)},
            )
    return [seen[k] for k in sorted(seen)]


def _rules(reports: Sequence[Report], lang: Lang) -> list[dict[str, Any]]:
    by_id: dict[str, dict[str, Any]] = {}
    for report in reports:
        for f in report.findings:
            by_id.setdefault(f.rule_id, _finding_rule(f, lang))
        for flag in report.review_flags:
            if flag.kind in _VIEWPOINT_FLAGS:
                by_id.setdefault(flag.source_id, _flag_rule(flag, lang))
    return [by_id[k] for k in sorted(by_id)]


def _finding_rule(f: Finding, lang: Lang) -> dict[str, Any]:
    title = f.title.get(lang)
    remediation = f.remediation.get(lang)
    refs = [_reference(r) for r in f.references]
    text = f"{t('remediation', lang)}: {remediation}"
    markdown = f"**{t('remediation', lang)}**: {_md(remediation)}"
    if refs:
        text += f"\n{t('references', lang)}: " + "; ".join(refs)
        markdown += f"\n\n**{t('references', lang)}**:\n\n" + "\n".join(f"- {_md(r)}" for r in refs)
    full = title + (f" ({'; '.join(refs)})" if refs else "")
    return {
        "id": f.rule_id,
        "name": _pascal(f.rule_id),
        "shortDescription": {"text": title},
        "fullDescription": {"text": full},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[f.severity]},
        "properties": {
            "category": f.category,
            "severity": f.severity.value,
            "security-severity": SECURITY_SEVERITY[f.severity],
            "sheet": f.sheet,
            "provenance": f.provenance.value,
            "tags": sorted({"security", "ds-920", f.category, f.sheet}),
        },
    }


def _flag_rule(flag: ReviewFlag, lang: Lang) -> dict[str, Any]:
    title = flag.title.get(lang)
    review = t("review_required", lang)
    return {
        "id": flag.source_id,
        "name": _pascal(flag.source_id),
        "shortDescription": {"text": f"{t('high_risk', lang)}: {title}"},
        "fullDescription": {"text": f"{t('high_risk', lang)}: {title}. {review}"},
        "help": {"text": review, "markdown": f"**{_md(review)}**"},
        "defaultConfiguration": {"level": REVIEW_LEVEL},
        "properties": {"category": "high_risk", "tags": ["ds-920", "high-risk", "review"]},
    }


def _finding_result(f: Finding, index: dict[str, int], lang: Lang) -> dict[str, Any]:
    status = t(f"status.{f.status.value}", lang)
    result: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": index[f.rule_id],
        "level": LEVELS[f.severity],
        "message": {"text": f"[{status}] {f.message.get(lang)}"},
        "locations": [_location(f.location)],
        "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(f.location, f.rule_id)},
        "properties": {
            "status": f.status.value,
            "severity": f.severity.value,
            "category": f.category,
            "observed": f.observed,
        },
    }
    if f.waiver is not None:
        w = f.waiver
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": (
                    f"{w.justification} ({w.id}; {w.approver}, {w.approved_on}..{w.expires_on})"
                ),
            }
        ]
    return result


_VIEWPOINT_FLAGS = ("high_risk_viewpoint", "undetermined_viewpoint")


def _flag_result(
    flag: ReviewFlag, index: dict[str, int], lang: Lang, *, warn: bool = False
) -> dict[str, Any]:
    """A raised viewpoint, or an undetermined one (determination incomplete: an error like a
    raised one, a warning when the run lets incomplete determinations pass)."""
    undetermined = flag.kind == "undetermined_viewpoint"
    state = t("determination.undetermined" if undetermined else "determination.raised", lang)
    return {
        "ruleId": flag.source_id,
        "ruleIndex": index[flag.source_id],
        "level": "warning" if undetermined and warn else REVIEW_LEVEL,
        "message": {
            "text": f"{flag.reason.get(lang)} — {t('verdict.determination', lang)}: {state}"
        },
        "locations": [_location(flag.location)],
        "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(flag.location, flag.source_id)},
        "properties": {
            "status": "incomplete" if undetermined else "review",
            "category": "high_risk",
        },
    }


def _location(loc: Location) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": file_uri(loc.file)},
            "region": {"startLine": loc.line, "startColumn": loc.col},
        },
        "logicalLocations": [{"fullyQualifiedName": loc.field, "kind": "member"}],
    }


def file_uri(path: str) -> str:
    """A URI reference for the path as given: ``\\`` -> ``/``, unsafe bytes percent-encoded."""
    return quote(path.replace("\\", "/"), safe="/")


def _fingerprint(loc: Location, rule_id: str) -> str:
    key = "\0".join((loc.file.replace("\\", "/"), rule_id, loc.field))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _result_key(result: dict[str, Any]) -> tuple[str, int, int, str]:
    region = result["locations"][0]["physicalLocation"]
    return (
        region["artifactLocation"]["uri"],
        region["region"]["startLine"],
        region["region"]["startColumn"],
        result["ruleId"],
    )


def _summary(report: Report) -> dict[str, Any]:
    return {
        "declaration": report.subject.declaration,
        "vendor": report.subject.vendor,
        "system": report.subject.system,
        "risk_level": report.risk_level.value,
        "review_required": report.review_required,
        "risk": {
            "level": report.risk.level.value,
            "rules": sorted({r.rule for r in report.risk.reasons}),
            "escalations": [e.rule for e in report.risk.escalations],
        },
        "determination": {
            "state": report.determination.state.value,
            "blocks_gate": report.determination.blocks_gate,
            "viewpoints": {r.viewpoint: r.state for r in report.determination.reasons},
        },
    }


def _reference(ref: Reference) -> str:
    parts = [ref.source, ref.edition, ref.section, ref.title]
    text = " ".join(str(p) for p in parts if p)
    return f"{text} <{ref.url}>" if ref.url else text


def _pascal(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.replace("_", "-").split("-"))
