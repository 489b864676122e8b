"""The report: pure, frozen data. Renderers turn it into text; nothing here does I/O."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, Final, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from aiprocure.model.checklist import Provenance, Reference, Severity
from aiprocure.model.common import Text

REPORT_VERSION: Final = "2"

JsonScalar = str | int | float | bool | None
Observed = JsonScalar | list[JsonScalar]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


F = TypeVar("F", bound=Frozen)

# The slots every pydantic model instance has (what object.__setattr__ finds on the class).
_SLOTS = vars(BaseModel)
_set_dict = _SLOTS["__dict__"].__set__
_set_fields_set = _SLOTS["__pydantic_fields_set__"].__set__
_set_extra = _SLOTS["__pydantic_extra__"].__set__
_set_private = _SLOTS["__pydantic_private__"].__set__
_new = object.__new__


def maker(cls: type[F]) -> Callable[[dict[str, Any]], F]:
    """The one way to build a model without validation: a constructor for ``cls``.

    The engine makes about a hundred frozen objects per declaration, and validating them was a
    fifth of assessing one. ``maker(cls)(values)`` does what ``model_construct`` does without its
    per-field default and alias handling: ``values`` must hold every field of ``cls``, in
    declaration order, each of its field's type (the engine's own enums, texts from validated
    rules, ints for ints, floats for floats). The instance equals a validated one and serialises
    the same; the tests compare the two.

    The slots are set through their descriptors, and every instance of ``cls`` shares one "fields
    set" (every field name). Nothing mutates it: the models are frozen (pydantic refuses
    assignment before touching it), and ``model_copy(update=...)`` copies the set before adding to
    it. Frozen models have no private attributes and no ``model_post_init``.
    """
    every_field = set(cls.model_fields)

    def make(values: dict[str, Any]) -> F:
        obj: F = _new(cls)
        _set_dict(obj, values)
        _set_fields_set(obj, every_field)
        _set_extra(obj, None)
        _set_private(obj, None)
        return obj

    return make


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNANSWERED = "unanswered"
    UNVERIFIED = "unverified"
    NOT_APPLICABLE = "not_applicable"
    WAIVED = "waived"


# The statuses of an open finding: what a waiver can cover and what the CI gate counts.
OPEN = (Status.FAIL, Status.UNANSWERED, Status.UNVERIFIED)


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _RISK_RANK[self]


_RISK_RANK = {r: i for i, r in enumerate(RiskLevel)}  # list(RiskLevel).index() is slow per call


class Location(Frozen):
    """Where in the declaration a finding points: 1-based line and column, and the field path."""

    file: str
    line: Annotated[int, Field(ge=1)]
    col: Annotated[int, Field(ge=1)]
    field: str


class Waiver(Frozen):
    """The waiver that covers a finding (see the waivers file)."""

    id: str
    justification: str
    approver: str
    approved_on: str
    expires_on: str


class EvidenceRef(Frozen):
    """Evidence the vendor cited for the declaration section a finding rests on."""

    document: str
    section: str | None = None
    page: int | None = None
    url: str | None = None

    def label(self) -> str:
        """One line for reports: ``document §section p.N <url>`` (raw text: escape it per format)."""
        parts = [self.document]
        if self.section:
            parts.append(f"§{self.section}")
        if self.page is not None:
            parts.append(f"p.{self.page}")
        if self.url:
            parts.append(f"<{self.url}>")
        return " ".join(parts)


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
        default_factory=list, description="evidence the declaration cites for the section"
    )
    review_flag: bool = False
    waiver: Waiver | None = None


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

    kind: Literal["high_risk_viewpoint", "critical_rule"]
    source_id: str
    title: Text
    reason: Text
    location: Location


class InputDigest(Frozen):
    kind: Literal["declaration", "checklist", "waivers", "config"]
    path: str
    sha256: str


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


class Report(Frozen):
    report_version: Literal["2"] = REPORT_VERSION
    tool: str = "aiprocure"
    tool_version: str
    generated_at: str | None = None
    subject: Subject
    inputs: list[InputDigest]
    checklists: list[ChecklistInfo]
    risk_level: RiskLevel
    review_required: bool
    review_flags: list[ReviewFlag]
    high_risk: HighRiskResult | None
    categories: list[CategoryScore]
    findings: list[Finding]
    waiver_notices: list[WaiverNotice] = Field(
        default_factory=list,
        exclude_if=lambda v: not v,
        description="waivers that expired, went unused, expire soon or conflicted; "
        "omitted when empty",
    )

    def count(self, status: Status) -> int:
        return sum(1 for f in self.findings if f.status is status)


_new_rule_info = maker(RuleInfo)
