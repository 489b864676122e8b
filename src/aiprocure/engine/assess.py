"""Declaration + compiled rule set (+ waivers) -> Report. Pure: the caller supplies digests, any
timestamp and the date waivers are judged on."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from aiprocure import __version__
from aiprocure.engine import evidence as ev
from aiprocure.engine import evidence_notices
from aiprocure.engine.compiled import CompiledRuleset
from aiprocure.engine.context import declaration_scope
from aiprocure.engine.findings import REPORT_STATUS_ORDER, report_order, run_rules
from aiprocure.engine.high_risk import determination, high_risk
from aiprocure.engine.scores import category_scores, overall_risk
from aiprocure.engine.verdicts import escalations, review_flags, risk_verdict
from aiprocure.engine.waivers import WaiverSet, apply_waivers
from aiprocure.model.checklist import Severity
from aiprocure.model.declaration import Declaration
from aiprocure.model.findings import (
    REPORT_VERSION,
    DisabledRule,
    Finding,
    InputDigest,
    Location,
    Report,
    Subject,
    WaiverNotice,
    maker,
)
from aiprocure.sources.yamlsrc import Document

_STATUS_ORDER = {s: i for i, s in enumerate(REPORT_STATUS_ORDER)}
_SEVERITY_ORDER = {s: -s.rank for s in Severity}


def finding_sort_key(f: Finding) -> tuple[int, int, str]:
    """Most actionable first: by status, then severity (highest first), then rule ID."""
    return (_STATUS_ORDER[f.status], _SEVERITY_ORDER[f.severity], f.rule_id)


_new_report = maker(Report)
_new_subject = maker(Subject)


def assess(
    compiled: CompiledRuleset,
    declaration: Declaration,
    *,
    file: str,
    doc: Document | None = None,
    inputs: Sequence[InputDigest] = (),
    generated_at: str | None = None,
    waivers: WaiverSet | None = None,
    today: date | None = None,
) -> Report:
    """The report on ``declaration`` (read from ``file``, positioned through ``doc``).

    With ``waivers``, the open findings they cover are waived before anything is scored, judged
    on ``today`` (required when there are waivers), and their files' digests join ``inputs``."""
    with declaration_scope():  # what several rules derive from the data is built once
        return _assess(compiled, declaration, file, doc, inputs, generated_at, waivers, today)


def _assess(
    compiled: CompiledRuleset,
    declaration: Declaration,
    file: str,
    doc: Document | None,
    inputs: Sequence[InputDigest],
    generated_at: str | None,
    waivers: WaiverSet | None,
    today: date | None,
) -> Report:
    data = declaration.model_dump(mode="json", exclude_none=True)
    locations: dict[str, Location] = {}  # each field located once, for rules and viewpoints
    plans = compiled.report_order
    index = doc.facts if doc is not None else None
    facts = ev.view(index, compiled.ruleset) if index is not None else None
    findings, codes = run_rules(plans, data, doc, file, {}, locations, facts)
    order = report_order(codes)
    vendor = declaration.vendor
    system = declaration.system
    subject = {
        "vendor": vendor.name if vendor else None,
        "system": system.name if system else None,
        "corporate_number": vendor.corporate_number if vendor else None,
        "declaration": file,
        "declared_on": declaration.declared_on.isoformat() if declaration.declared_on else None,
    }
    listed = list(inputs)
    if index is not None:  # evidence files beside the declaration, with their digests
        listed += [d for d in evidence_notices.evidence_inputs(index, file) if d not in listed]
    notices: list[WaiverNotice] = []
    waiving = waivers is not None and bool(waivers.waivers or waivers.digests)
    if waivers is not None and waiving:
        if today is None and waivers.waivers:
            raise ValueError("assess: waivers are judged on a date; give today=")
        notices = apply_waivers(
            findings,
            codes,
            order,
            rule_ids=compiled.rule_ids,
            subject=subject,
            waivers=waivers,
            today=today or date.min,
            inputs=listed,
        )
        listed += [d for d in waivers.digests if d not in listed]
    raised = any(f.severity is not p.severity for f, p in zip(findings, plans, strict=True))
    # the findings' own severities count only where severity_by raised one
    cats = category_scores(
        compiled.ruleset, compiled.categories, plans, codes, order, findings if raised else None
    )
    final = report_order(codes) if waiving else order  # waived findings move
    ordered = [findings[i] for i in final]
    if raised:
        ordered.sort(key=finding_sort_key)  # a raised severity (severity_by) moves its finding up
    # Open findings of rules that flag for review (escalations), in report order.
    flagged = [findings[i] for i in final if findings[i].review_flag]
    hr = high_risk(compiled.ruleset.high_risk, compiled.viewpoints, data, doc, file, locations)
    det = determination(
        hr, compiled.viewpoints, data, incomplete_blocks=compiled.ruleset.incomplete_blocks
    )
    flags = review_flags(flagged, hr, det)
    level = overall_risk(cats)
    conditions, notes = ev.report_conditions(index, ordered, facts) if index else ([], [])
    values: dict[str, Any] = {
        "report_version": REPORT_VERSION,
        "tool": "aiprocure",
        "tool_version": __version__,
        "generated_at": generated_at,
        "subject": subject,
        "inputs": listed,
        "checklists": list(compiled.checklist_infos),
        "risk_level": level,
        "risk": risk_verdict(level, ordered, escalations(flagged)),
        "determination": det,
        "review_required": bool(flags),
        "review_flags": flags,
        "high_risk": hr,
        "categories": cats,
        "findings": ordered,
        "waiver_notices": notices,
        "disabled_rules": [
            DisabledRule(rule_id=rid, reason=why, source=where)
            for rid, why, where in compiled.ruleset.disabled
        ],
        "acceptance_conditions": conditions,
        "fact_notes": notes,
        # an old declaration, old or undated evidence: notices, never part of a verdict
        "notices": evidence_notices.notices(data, doc, file, compiled.ruleset, today),
    }
    if type(file) is str and _is_text(generated_at) and _are_digests(listed):
        # Every value is of its field's type (the engine's own, the validated declaration's, the
        # caller's checked here): built without re-validating a hundred findings. Same JSON.
        values["subject"] = _new_subject(subject)
        return _new_report(values)
    del values["report_version"], values["tool"]
    if not notices:
        del values["waiver_notices"]
    for name in ("disabled_rules", "acceptance_conditions", "fact_notes", "notices"):
        if not values[name]:
            del values[name]
    return Report.model_validate(values)  # as given: validation says what is wrong


def _is_text(value: object) -> bool:
    return value is None or type(value) is str


def _are_digests(items: list[Any]) -> bool:
    return all(type(i) is InputDigest for i in items)
