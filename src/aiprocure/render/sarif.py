"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run for all declarations (GitHub no longer merges several runs of one tool and category), so:

* ``tool.driver.rules`` lists every rule that was evaluated, passing or not, sorted by ID. Listing
  the passing ones lets code scanning tell "fixed" from "not run" and close an alert;
* ``tool.extensions`` names each checklist and its version;
* a result is emitted per non-passing finding (fail, unanswered, unverified); pass and
  not_applicable give no result. Waived findings are not uploaded as alerts (GitHub ignores
  ``suppressions`` and would show them open): the run's properties list them
  (``aiprocure_waived``); ``include_waived`` adds them as results with an ``external`` suppression
  that carries the waiver's justification;
* every ``uri`` is relative to ``base_dir`` and names the base ``%SRCROOT%``, declared in
  ``originalUriBaseIds`` (a path outside the base is written as an absolute ``file:`` URI);
* a declaration that could not be read is a ``toolExecutionNotifications`` entry of the run's
  invocation and an error result (rule ``aiprocure-input``) at its position, so that code
  scanning never reads its absence as "fixed";
* GitHub's upload limits (25,000 results per run, 10 MB gzipped) raise ``LimitError`` rather than
  give a file the upload would reject;
* each high-risk review flag from the use-case sheet becomes a result too (rule = viewpoint ID), so
  a pull request that adds a high-risk case is annotated with "goes to CAIO review";
* ``level`` follows severity: critical and high -> error, medium -> warning, low and info -> note;
  ``security-severity`` (a string, 0.0-10.0) lets GitHub show critical/high/medium/low;
* ``partialFingerprints["aiprocure/v1"]`` hashes (file, rule, field) and not the line, so an alert
  survives edits above it.

No invocation object and no timestamps: identical input gives identical bytes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pydantic_core import PydanticSerializationError, to_json

from aiprocure.model.common import Lang
from aiprocure.model.findings import Finding, Location, Report, ReviewFlag, Status
from aiprocure.render import sarif_ci as ci
from aiprocure.render import sarif_conditions as acc
from aiprocure.render import sarif_rules
from aiprocure.render.i18n import t
from aiprocure.render.options import RenderOptions
from aiprocure.render.safe import clean
from aiprocure.render.verdicts import warns_only

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = ci.FINGERPRINT_KEY
INFORMATION_URI = ci.INFORMATION_URI
INPUT_RULE = ci.INPUT_RULE
LEVELS = sarif_rules.LEVELS
REVIEW_LEVEL = sarif_rules.REVIEW_LEVEL
# Statuses that produce a result (waived ones only with ``include_waived``, suppressed).
REPORTED = (Status.FAIL, Status.UNANSWERED, Status.UNVERIFIED)


def render(
    reports: Sequence[Report],
    lang: Lang,
    *,
    tool_version: str | None = None,
    options: RenderOptions | None = None,
) -> str:
    """The SARIF log. The driver's version is the reports' own ``tool_version`` (the lowest, if
    they differ); ``tool_version`` is only for a log of no reports, which otherwise names none.
    Raises ``LimitError`` when the log is over GitHub's upload limits."""
    opts = options or RenderOptions()
    version = _tool_version(reports) or tool_version
    where = ci.Where(opts)
    rules = sarif_rules.rules(reports, lang)
    if opts.problems:
        rules.append(ci.input_rule(lang))
        rules.sort(key=lambda r: str(r["id"]))
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    waived: list[dict[str, Any]] = []
    for report in reports:
        for finding in report.findings:
            if finding.status in REPORTED:
                results.append(_finding_result(finding, index, lang, where))
            elif finding.status is Status.WAIVED:
                if opts.include_waived:
                    results.append(_finding_result(finding, index, lang, where))
                waived.append(ci.waived(finding, where))
        for flag in report.review_flags:  # raised and undetermined viewpoints (section 5.4)
            if flag.kind in _VIEWPOINT_FLAGS:
                results.append(_flag_result(flag, index, lang, where, warn=warns_only(report)))
    results += [ci.problem_result(p, index, lang, where) for p in opts.problems]
    results.sort(key=_result_key)
    ci.check_result_count(len(results))
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "aiprocure",
                **({"semanticVersion": version, "version": version} if version else {}),
                "informationUri": INFORMATION_URI,
                "rules": rules,
            },
            "extensions": _extensions(reports, lang),
        },
    }
    if opts.problems:
        run["invocations"] = [
            {
                "executionSuccessful": False,
                "toolExecutionNotifications": [
                    ci.notification(p, lang, where) for p in opts.problems
                ],
            }
        ]
    if opts.category:
        run["automationDetails"] = {"id": opts.category.rstrip("/") + "/"}
    if where.base is not None:
        run["originalUriBaseIds"] = {ci.SRCROOT: {"uri": ci.dir_uri(where.base)}}
    run["columnKind"] = "unicodeCodePoints"
    if files := acc.artifacts(reports, where):  # evidence files, with their sha-256
        run["artifacts"] = files
    run["results"] = results
    properties: dict[str, Any] = {
        "aiprocure": [{**_summary(r), **acc.summary(r, lang)} for r in reports]
    }
    if waived:
        properties["aiprocure_waived"] = waived
    run["properties"] = properties
    doc = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    text = _dumps(_clean(doc)) + "\n"
    ci.check_size(text)
    return text


def _dumps(doc: Any) -> str:
    """``json.dumps(doc, ensure_ascii=False, indent=2)``, written by pydantic-core (the indenting
    encoder of the json module is pure Python: most of a batch's SARIF time). The two write the
    same text for strings, ints, booleans and null, and for floats that Python writes without an
    exponent; a document with any other float (``1e-05``) is written by the json module."""
    if not _plain_floats(doc):
        return json.dumps(doc, ensure_ascii=False, indent=2)
    try:
        return to_json(doc, indent=2).decode()
    except (PydanticSerializationError, UnicodeDecodeError):  # pragma: no cover - a lone surrogate
        return json.dumps(doc, ensure_ascii=False, indent=2)


def _plain_floats(value: Any) -> bool:
    if isinstance(value, float):
        return repr(value).replace(".", "").replace("-", "").isdigit()
    if isinstance(value, dict):
        return all(_plain_floats(v) for v in value.values())
    if isinstance(value, list):
        return all(_plain_floats(v) for v in value)
    return True


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


def _finding_result(
    f: Finding, index: dict[str, int], lang: Lang, where: ci.Where
) -> dict[str, Any]:
    status = t(f"status.{f.status.value}", lang)
    result: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": index[f.rule_id],
        "level": LEVELS[f.severity],
        "message": {"text": f"[{status}] {f.message.get(lang)}"},
        "locations": [_location(f.location, where)],
        "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(f.location, f.rule_id, where)},
        "properties": {
            "status": f.status.value,
            "severity": f.severity.value,
            "category": f.category,
            "observed": f.observed,
        },
    }
    acc.add_to_result(result, f, lang, where)  # conditions of acceptance, evidence
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
    flag: ReviewFlag, index: dict[str, int], lang: Lang, where: ci.Where, *, warn: bool = False
) -> dict[str, Any]:
    """A raised viewpoint, or an undetermined one (determination incomplete: shown like a raised
    one, as a warning at most when the run lets incomplete determinations pass)."""
    undetermined = flag.kind == "undetermined_viewpoint"
    state = t("determination.undetermined" if undetermined else "determination.raised", lang)
    return {
        "ruleId": flag.source_id,
        "ruleIndex": index[flag.source_id],
        "level": "warning" if undetermined and warn else REVIEW_LEVEL,
        "message": {
            "text": f"{flag.reason.get(lang)} — {t('verdict.determination', lang)}: {state}"
        },
        "locations": [_location(flag.location, where)],
        "partialFingerprints": {
            FINGERPRINT_KEY: _fingerprint(flag.location, flag.source_id, where)
        },
        "properties": {
            "status": "incomplete" if undetermined else "review",
            "category": "high_risk",
        },
    }


def _location(loc: Location, where: ci.Where) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": where.artifact(loc.file),
            "region": {"startLine": loc.line, "startColumn": loc.col},
        },
        "logicalLocations": [{"fullyQualifiedName": loc.field, "kind": "member"}],
    }


file_uri = ci.file_uri


def _fingerprint(loc: Location, rule_id: str, where: ci.Where) -> str:
    path = loc.file.replace("\\", "/") if where.base is None else where.key(loc.file)
    return _fingerprint_key(path, rule_id, loc.field)


_fingerprint_key = ci.fingerprint


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
