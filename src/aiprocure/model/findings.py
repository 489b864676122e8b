"""The report: pure, frozen data. Renderers turn it into text; nothing here does I/O."""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import Field

from aiprocure.model.checklist import Provenance, Reference, Severity
from aiprocure.model.common import Text
from aiprocure.model.report_base import (
    ANY_REGION,
    OPEN,
    AcceptanceCondition,
    ConditionRef,
    EvidenceRef,
    F,
    FactNoteRef,
    Frozen,
    InputDigest,
    JsonScalar,
    Location,
    Notice,
    Observed,
    RiskLevel,
    Status,
    Waiver,
    maker,
)
from aiprocure.model.verdicts import (
    Aggregation,
    Determination,
    DeterminationState,
    Escalation,
    RiskReason,
    RiskVerdict,
    ViewpointReason,
    ViewpointState,
)

# The building blocks and the verdicts live in their own modules; every name is importable here.
__all__ = [
    "ANY_REGION",
    "OPEN",
    "REPORT_VERSION",
    "AcceptanceCondition",
    "Aggregation",
    "CategoryScore",
    "ChecklistInfo",
    "ConditionRef",
    "Determination",
    "DeterminationState",
    "Escalation",
    "EvidenceRef",
    "F",
    "FactNoteRef",
    "Finding",
    "Frozen",
    "HighRiskResult",
    "InputDigest",
    "JsonScalar",
    "Location",
    "Notice",
    "Observed",
    "Report",
    "ReviewFlag",
    "RiskLevel",
    "RiskReason",
    "RiskVerdict",
    "RuleInfo",
    "Status",
    "Subject",
    "ViewpointReason",
    "ViewpointResult",
    "ViewpointState",
    "Waiver",
    "WaiverNotice",
    "maker",
]

REPORT_VERSION: Final = "3"


class Finding(Frozen):
    rule_id: str
    status: Status
    severity: Severity
    severity_base: Severity | None = Field(
        default=None,
        description="the rule's own severity, before the facts (data class, audience) raised it; "
        "`severity` is the effective one",
    )
    severity_reason: Text | None = Field(
        default=None, description="why `severity` is above `severity_base` (a `severity_by` row)"
    )
    category: str
    sheet: str
    title: Text
    message: Text
    remediation: Text
    provenance: Provenance
    references: list[Reference]
    location: Location
    observed: dict[str, Observed] = Field(
        default_factory=dict, description="the declared facts the rule looked at"
    )
    evidence: list[EvidenceRef] = Field(
        default_factory=list,
        description="evidence for the facts the rule reads; the section's (section_wide) when "
        "they have no accepted evidence of their own",
    )
    review_flag: bool = False
    waiver: Waiver | None = None
    conditions: list[ConditionRef] = Field(
        default_factory=list,
        exclude_if=lambda v: not v,
        description="the conditions of acceptance of the facts the rule reads; omitted if none",
    )
    any_region: list[str] = Field(
        default_factory=list,
        exclude_if=lambda v: not v,
        description="keys of `observed` declared as any region (`any`); omitted if none",
    )


class RuleInfo(Frozen):
    """What a report says about a rule once, however many findings it has: the JSON report keeps
    these in one ``rules`` table instead of repeating them in every finding (as SARIF does)."""

    category: str
    sheet: str
    title: Text
    remediation: Text
    provenance: Provenance
    references: list[Reference]

    @classmethod
    def of(cls, finding: Finding) -> RuleInfo:
        return _new_rule_info(
            {
                "category": finding.category,
                "sheet": finding.sheet,
                "title": finding.title,
                "remediation": finding.remediation,
                "provenance": finding.provenance,
                "references": finding.references,
            },
        )


class CategoryScore(Frozen):
    category: str
    title: Text
    score: Annotated[int, Field(ge=0, le=100)]
    risk: RiskLevel
    counts: dict[Status, int]
    points: Annotated[float, Field(ge=0)]
    max_points: Annotated[float, Field(ge=0)]


class ViewpointResult(Frozen):
    id: str
    title: Text
    level: str | None = Field(description="id of the level that matched; None if unanswered")
    label: Text | None
    high: bool | None
    location: Location
    observed: dict[str, Observed] = Field(default_factory=dict)


class HighRiskResult(Frozen):
    title: Text
    mode: Literal["any", "at_least"]
    count: int
    provenance: Provenance
    viewpoints: list[ViewpointResult]
    triggered: bool
    undetermined: bool = Field(
        description="some viewpoints are unanswered and could raise the flag"
    )


class ReviewFlag(Frozen):
    """A case the guideline sends to the CAIO and the advisory board, and why."""

    kind: Literal["high_risk_viewpoint", "undetermined_viewpoint", "critical_rule"] = Field(
        description="a raised viewpoint, an undetermined one (determination incomplete), or an "
        "open finding of a rule with review_flag (an escalation; the name is kept for "
        "compatibility: such rules may be high as well as critical)"
    )
    source_id: str
    title: Text
    reason: Text
    location: Location


class ChecklistInfo(Frozen):
    id: str
    version: str
    guideline: str | None
    title: Text


class Subject(Frozen):
    vendor: str | None
    system: str | None
    corporate_number: str | None
    declaration: str
    declared_on: str | None = Field(default=None, description="the declaration's declared_on")


class WaiverNotice(Frozen):
    """Something a reviewer should know about a waiver: it expired, was not needed, expires
    soon, is not yet in force, or lost a conflict with another waiver for the same finding."""

    kind: Literal["expired", "unused", "expiring_soon", "not_yet_effective", "conflict"]
    waiver_id: str
    rule_id: str
    expires_on: str
    source: str = Field(description="waivers file and line, `path:line`")
    other: list[str] = Field(
        default_factory=list, description="for a conflict: the waivers that lost (ids)"
    )


class DisabledRule(Frozen):
    """A rule the configuration in force switched off, with its reason (the report says so: a run
    that checks less must not look like a run that found less)."""

    rule_id: str
    reason: str
    source: str = Field(description="configuration file and line, `path:line`")


class Report(Frozen):
    report_version: Literal["3"] = REPORT_VERSION
    tool: str = "aiprocure"
    tool_version: str
    generated_at: str | None = None
    subject: Subject
    inputs: list[InputDigest]
    checklists: list[ChecklistInfo]
    risk_level: RiskLevel
    risk: RiskVerdict = Field(
        description="the vendor's compliance risk (one of the two verdicts), with its reasons"
    )
    determination: Determination = Field(
        description="the use case's high-risk determination (the other verdict), with its reasons"
    )
    review_required: bool = Field(
        description="the case goes to CAIO / advisory-board review: determination.state is not "
        "not_raised, or there is an escalation (kept for compatibility; read determination)"
    )
    review_flags: list[ReviewFlag] = Field(
        description="why the case goes to review: raised and undetermined viewpoints, escalations"
    )
    high_risk: HighRiskResult | None
    categories: list[CategoryScore]
    findings: list[Finding]
    waiver_notices: list[WaiverNotice] = Field(
        default_factory=list,
        exclude_if=lambda v: not v,
        description="waivers that expired, went unused, expire soon or conflicted; "
        "omitted when empty",
    )
    disabled_rules: list[DisabledRule] = Field(
        default_factory=list,
        exclude_if=lambda v: not v,
        description="rules the configuration disabled, with the reason; omitted when none",
    )

    acceptance_conditions: list[AcceptanceCondition] = Field(
        default_factory=list,
        exclude_if=lambda v: not v,
        description="values that count only because the ministry acts (conditions of "
        "acceptance, for the contract); omitted when none",
    )
    fact_notes: list[FactNoteRef] = Field(
        default_factory=list,
        exclude_if=lambda v: not v,
        description="what the verdicts rest on that is not a condition: alternatives not relied "
        "on, unions taken, law exceptions, incomplete lists, any region; omitted when none",
    )
    notices: list[Notice] = Field(
        default_factory=list,
        exclude_if=lambda v: not v,
        description="old declaration, old or undated evidence, undeclared file digests: shown, "
        "never part of a verdict; omitted when none",
    )

    def count(self, status: Status) -> int:
        return sum(1 for f in self.findings if f.status is status)


_new_rule_info = maker(RuleInfo)
