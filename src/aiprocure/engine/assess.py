"""Declaration + rule set -> Report. Pure: the caller supplies digests and any timestamp."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aiprocure import __version__
from aiprocure.engine.build import maker
from aiprocure.engine.evaluate import REPORT_STATUS_ORDER, report_findings
from aiprocure.engine.scoring import high_risk_at, overall_risk, report_scores, review_flags
from aiprocure.model.checklist import Severity
from aiprocure.model.declaration import Declaration
from aiprocure.model.findings import (
    REPORT_VERSION,
    ChecklistInfo,
    Finding,
    InputDigest,
    Location,
    Report,
    Subject,
)
from aiprocure.model.ruleset import Ruleset
from aiprocure.sources.yamlsrc import Document

_STATUS_ORDER = {s: i for i, s in enumerate(REPORT_STATUS_ORDER)}


_SEVERITY_ORDER = {s: -s.rank for s in Severity}


def finding_sort_key(f: Finding) -> tuple[int, int, str]:
    """Most actionable first: by status, then severity (highest first), then rule ID."""
    return (_STATUS_ORDER[f.status], _SEVERITY_ORDER[f.severity], f.rule_id)


_new_report = maker(Report)
_new_subject = maker(Subject)
_CHECKLIST_INFOS = -3  # engine_cache key of the rule set's ChecklistInfo (never an id())


def _checklist_infos(ruleset: Ruleset) -> list[ChecklistInfo]:
    """The rule set's checklists as a report lists them: validated once per rule set and shared
    (frozen, made only of strings and frozen texts); each report gets a list of its own."""
    cached = ruleset.engine_cache.get(_CHECKLIST_INFOS)
    if cached is None or cached[0] != ruleset.checklists:
        infos = [
            ChecklistInfo(
                id=c.checklist.id,
                version=c.checklist.version,
                guideline=c.checklist.guideline,
                title=c.checklist.title,
            )
            for c, _ in ruleset.checklists
        ]
        cached = ruleset.engine_cache[_CHECKLIST_INFOS] = (list(ruleset.checklists), infos)
    return list(cached[1])


def assess(
    declaration: Declaration,
    ruleset: Ruleset,
    *,
    file: str,
    doc: Document | None = None,
    inputs: Sequence[InputDigest] = (),
    generated_at: str | None = None,
) -> Report:
    data = declaration.model_dump(mode="json", exclude_none=True)
    locations: dict[str, Location] = {}  # each field located once, for rules and viewpoints
    found = report_findings(data, ruleset, doc, file, locations)
    hr = high_risk_at(data, ruleset, doc, file, locations)
    flags = review_flags(found.flagged, hr)  # the same flags as from every finding
    cats = report_scores(found, ruleset)  # as category_scores(findings, ruleset)
    vendor = declaration.vendor
    system = declaration.system
    subject = {
        "vendor": vendor.name if vendor else None,
        "system": system.name if system else None,
        "corporate_number": vendor.corporate_number if vendor else None,
        "declaration": file,
    }
    listed = list(inputs)
    values: dict[str, Any] = {
        "report_version": REPORT_VERSION,
        "tool": "aiprocure",
        "tool_version": __version__,
        "generated_at": generated_at,
        "subject": subject,
        "inputs": listed,
        "checklists": _checklist_infos(ruleset),
        "risk_level": overall_risk(cats),
        "review_required": bool(flags),
        "review_flags": flags,
        "high_risk": hr,
        "categories": cats,
        "findings": found.findings,
        "waiver_notices": [],
    }
    if type(file) is str and _is_text(generated_at) and _are_digests(listed):
        # Every value is of its field's type (the engine's own, the validated declaration's, the
        # caller's checked here): built without re-validating a hundred findings. Same JSON.
        values["subject"] = _new_subject(subject)
        return _new_report(values)
    del values["report_version"], values["tool"], values["waiver_notices"]
    return Report.model_validate(values)  # as given: validation says what is wrong


def _is_text(value: object) -> bool:
    return value is None or type(value) is str


def _are_digests(items: list[Any]) -> bool:
    return all(type(i) is InputDigest for i in items)
