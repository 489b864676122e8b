"""Declaration + rule set -> Report. Pure: the caller supplies digests and any timestamp."""

from __future__ import annotations

from collections.abc import Sequence

from aiprocure import __version__
from aiprocure.engine.evaluate import REPORT_STATUS_ORDER, report_findings
from aiprocure.engine.scoring import high_risk_at, overall_risk, review_flags, scores_of
from aiprocure.model.checklist import Severity
from aiprocure.model.declaration import Declaration
from aiprocure.model.findings import (
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
    findings = found.findings
    hr = high_risk_at(data, ruleset, doc, file, locations)
    flags = review_flags(found.flagged, hr)  # the same flags as from every finding
    cats = scores_of(found.entries, ruleset)  # as category_scores(findings, ruleset)
    vendor = declaration.vendor
    system = declaration.system
    return Report(
        tool_version=__version__,
        generated_at=generated_at,
        subject=Subject(
            vendor=vendor.name if vendor else None,
            system=system.name if system else None,
            corporate_number=vendor.corporate_number if vendor else None,
            declaration=file,
        ),
        inputs=list(inputs),
        checklists=[
            ChecklistInfo(
                id=c.checklist.id,
                version=c.checklist.version,
                guideline=c.checklist.guideline,
                title=c.checklist.title,
            )
            for c, _ in ruleset.checklists
        ],
        risk_level=overall_risk(cats),
        review_required=bool(flags),
        review_flags=flags,
        high_risk=hr,
        categories=cats,
        findings=findings,
    )
