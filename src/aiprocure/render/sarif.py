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

import gzip
import hashlib
import json
import posixpath
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from aiprocure.errors import Problem
from aiprocure.model.checklist import Reference, Severity
from aiprocure.model.common import Lang
from aiprocure.model.findings import Finding, Location, Report, ReviewFlag, Status
from aiprocure.render.i18n import t
from aiprocure.render.markdown import escape as _md
from aiprocure.render.options import LimitError, RenderOptions
from aiprocure.render.safe import clean

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "aiprocure/v1"
INFORMATION_URI = "https://github.com/aiprocure/aiprocure"
RULES_DOC = INFORMATION_URI + "/blob/main/docs/rules.md"
CATALOGUED = ("DS920-", "HR-")  # rule ID prefixes docs/rules.md has anchors for
SRCROOT = "%SRCROOT%"
INPUT_RULE = "aiprocure-input"
# GitHub code scanning: https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
MAX_RESULTS = 25_000
MAX_GZIP_BYTES = 10 * 1024 * 1024


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
REPORTED = (Status.FAIL, Status.UNANSWERED, Status.UNVERIFIED)
REVIEW_LEVEL = "warning"


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
    where = _Where(opts)
    rules = _rules(reports, lang)
    if opts.problems:
        rules.append(_input_rule(lang))
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
                waived.append(_waived(finding, where))
        for flag in report.review_flags:
            if flag.kind == "high_risk_viewpoint":
                results.append(_flag_result(flag, index, lang, where))
    results += [_problem_result(p, index, lang, where) for p in opts.problems]
    results.sort(key=_result_key)
    if len(results) > MAX_RESULTS:
        raise LimitError(
            f"the SARIF run would hold {len(results)} results, over GitHub's limit of "
            f"{MAX_RESULTS}; check the declarations in smaller groups, each with its own "
            "--sarif-category",
            f"SARIF の結果が {len(results)} 件となり、GitHub の上限 {MAX_RESULTS} 件を超えます。"
            "宣言を小分けにし、それぞれ別の --sarif-category で確認してください",
        )
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
                    _notification(p, lang, where) for p in opts.problems
                ],
            }
        ]
    if opts.category:
        run["automationDetails"] = {"id": opts.category.rstrip("/") + "/"}
    if where.base is not None:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": _dir_uri(where.base)}}
    run["columnKind"] = "unicodeCodePoints"
    run["results"] = results
    properties: dict[str, Any] = {"aiprocure": [_summary(r) for r in reports]}
    if waived:
        properties["aiprocure_waived"] = waived
    run["properties"] = properties
    doc = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    text = json.dumps(_clean(doc), ensure_ascii=False, indent=2) + "\n"
    if len(text) > MAX_GZIP_BYTES:  # only then is compressing worth its time
        size = len(gzip.compress(text.encode(), mtime=0))
        if size > MAX_GZIP_BYTES:
            raise LimitError(
                f"the SARIF log is {size} bytes gzipped, over GitHub's limit of "
                f"{MAX_GZIP_BYTES}; check the declarations in smaller groups",
                f"SARIF は gzip 圧縮後 {size} バイトで、GitHub の上限 {MAX_GZIP_BYTES} バイトを"
                "超えます。宣言を小分けにして確認してください",
            )
    return text


class _Where:
    """Paths as SARIF artifact locations: relative to the base and naming it, when there is one."""

    def __init__(self, opts: RenderOptions) -> None:
        self.base = _posix(opts.base_dir) if opts.base_dir else None
        self.cwd = _posix(opts.cwd or opts.base_dir or "")

    def artifact(self, path: str) -> dict[str, str]:
        if self.base is None:
            return {"uri": file_uri(path)}
        full = posixpath.normpath(posixpath.join(self.cwd, _posix(path)))
        rel = posixpath.relpath(full, self.base) if _absolute(full) else full
        if rel == ".." or rel.startswith("../") or _absolute(rel):
            return {"uri": _dir_uri(full).rstrip("/")}
        return {"uri": file_uri(rel), "uriBaseId": SRCROOT}

    def key(self, path: str) -> str:
        """The path fingerprints hash: the uri (stable wherever the run starts)."""
        return self.artifact(path)["uri"]


def _posix(path: str) -> str:
    path = path.replace("\\", "/")
    if len(path) >= 2 and path[1] == ":":  # C:/x -> /C:/x, as a file URI path
        path = "/" + path
    return path


def _absolute(path: str) -> bool:
    return path.startswith("/")


def _dir_uri(path: str) -> str:
    return "file://" + quote(path.rstrip("/") + "/", safe="/:")


def _input_rule(lang: Lang) -> dict[str, Any]:
    en = "The declaration could not be read or is not valid"
    ja = "宣言を読み込めない、または内容が不正です"
    text = ja if lang is Lang.JA else en
    return {
        "id": INPUT_RULE,
        "name": "InputError",
        "shortDescription": {"text": text},
        "fullDescription": {"text": text},
        "help": {"text": text, "markdown": _md(text)},
        "helpUri": INFORMATION_URI + "/blob/main/docs/formats.md#sarif",
        "defaultConfiguration": {"level": "error"},
        "properties": {"category": "input", "precision": "very-high", "tags": ["ds-920"]},
    }


def _problem_location(p: Problem, where: _Where) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": where.artifact(p.path),
            "region": {"startLine": max(1, p.line), "startColumn": max(1, p.col)},
        }
    }


def _problem_result(p: Problem, index: dict[str, int], lang: Lang, where: _Where) -> dict[str, Any]:
    return {
        "ruleId": INPUT_RULE,
        "ruleIndex": index[INPUT_RULE],
        "level": "error",
        "message": {"text": p.text(lang)},
        "locations": [_problem_location(p, where)],
        "partialFingerprints": {
            FINGERPRINT_KEY: _fingerprint_key(where.key(p.path), INPUT_RULE, "")
        },
    }


def _notification(p: Problem, lang: Lang, where: _Where) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": p.text(lang)},
        "locations": [_problem_location(p, where)],
        "descriptor": {"id": INPUT_RULE},
    }


def _waived(f: Finding, where: _Where) -> dict[str, Any]:
    w = f.waiver
    return {
        "ruleId": f.rule_id,
        "uri": where.artifact(f.location.file)["uri"],
        "line": f.location.line,
        "field": f.location.field,
        **({"waiver": w.id, "justification": w.justification} if w is not None else {}),
    }


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
            if flag.kind == "high_risk_viewpoint":
                by_id.setdefault(flag.source_id, _flag_rule(flag, lang))
    return [by_id[k] for k in sorted(by_id)]


def _help_uri(rule_id: str) -> dict[str, str]:
    """The rule's anchor in docs/rules.md (the shipped catalogue: DS920-* rules and HR-*
    viewpoints; a ministry's own pack has no page there, so its rules get none)."""
    if rule_id.startswith(CATALOGUED):
        return {"helpUri": f"{RULES_DOC}#{rule_id.lower()}"}
    return {}


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
        **_help_uri(f.rule_id),
        "defaultConfiguration": {"level": LEVELS[f.severity]},
        "properties": {
            "precision": "high",
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
        **_help_uri(flag.source_id),
        "defaultConfiguration": {"level": REVIEW_LEVEL},
        "properties": {
            "precision": "high",
            "category": "high_risk",
            "tags": ["ds-920", "high-risk", "review"],
        },
    }


def _finding_result(f: Finding, index: dict[str, int], lang: Lang, where: _Where) -> dict[str, Any]:
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


def _flag_result(
    flag: ReviewFlag, index: dict[str, int], lang: Lang, where: _Where
) -> dict[str, Any]:
    return {
        "ruleId": flag.source_id,
        "ruleIndex": index[flag.source_id],
        "level": REVIEW_LEVEL,
        "message": {"text": f"{flag.reason.get(lang)} — {t('review_required', lang)}"},
        "locations": [_location(flag.location, where)],
        "partialFingerprints": {
            FINGERPRINT_KEY: _fingerprint(flag.location, flag.source_id, where)
        },
        "properties": {"status": "review", "category": "high_risk"},
    }


def _location(loc: Location, where: _Where) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": where.artifact(loc.file),
            "region": {"startLine": loc.line, "startColumn": loc.col},
        },
        "logicalLocations": [{"fullyQualifiedName": loc.field, "kind": "member"}],
    }


def file_uri(path: str) -> str:
    """A URI reference for the path as given: ``\\`` -> ``/``, unsafe bytes percent-encoded."""
    return quote(path.replace("\\", "/"), safe="/")


def _fingerprint(loc: Location, rule_id: str, where: _Where) -> str:
    path = loc.file.replace("\\", "/") if where.base is None else where.key(loc.file)
    return _fingerprint_key(path, rule_id, loc.field)


def _fingerprint_key(path: str, rule_id: str, field: str) -> str:
    key = "\0".join((path, rule_id, field))
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
    }


def _reference(ref: Reference) -> str:
    parts = [ref.source, ref.edition, ref.section, ref.title]
    text = " ".join(str(p) for p in parts if p)
    return f"{text} <{ref.url}>" if ref.url else text


def _pascal(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.replace("_", "-").split("-"))
