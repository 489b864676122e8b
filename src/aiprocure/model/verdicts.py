"""The two verdicts of a report (docs/verdicts.md sections 3, 5, 6): the vendor's compliance
risk with the findings that set it and its escalations, and the use case's high-risk
determination with its viewpoints. Pure data; ``model.findings`` re-exports every name."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from aiprocure.model.checklist import Provenance, Severity
from aiprocure.model.common import Text
from aiprocure.model.report_base import Frozen, Location, RiskLevel, Status


class DeterminationState(StrEnum):
    """The high-risk determination: raised (該当), not raised (非該当) or incomplete (判定未確定:
    a viewpoint is undetermined and none is raised). docs/verdicts.md section 5."""

    RAISED = "raised"
    NOT_RAISED = "not_raised"
    INCOMPLETE = "incomplete"


ViewpointState = Literal["raised", "not_raised", "undetermined"]


class Aggregation(Frozen):
    """How the sheet combines its viewpoints (``any``: one raised viewpoint raises the case)."""

    mode: Literal["any", "at_least"]
    count: int
    provenance: Provenance


class ViewpointReason(Frozen):
    """One viewpoint's part in the determination, in sheet order."""

    viewpoint: str
    state: ViewpointState = Field(
        description="raised, not_raised, or undetermined (a fact it needs is unanswered and no "
        "answered fact settles it)"
    )
    level: str | None = Field(description="id of the level that matched; null if undetermined")
    title: Text
    label: Text | None
    missing: list[str] = Field(
        description="dotted paths whose absence left the viewpoint undetermined"
    )
    location: Location


class Determination(Frozen):
    """The use case's high-risk determination, with every viewpoint as its reason."""

    state: DeterminationState = Field(
        description="raised (該当), not_raised (非該当) or incomplete (判定未確定)"
    )
    aggregation: Aggregation | None = Field(description="null when no high-risk sheet is loaded")
    blocks_gate: bool = Field(
        description="the determination alone makes `check --fail-on-review` exit 1: raised, or "
        "incomplete under `incomplete_determination: block` (the default)"
    )
    reasons: list[ViewpointReason] = Field(description="every viewpoint, in sheet order")


class RiskReason(Frozen):
    """An open finding that sets the compliance risk (its severity is the risk level)."""

    rule: str
    status: Status
    severity: Severity


class Escalation(Frozen):
    """An open finding of a rule with ``review_flag: true``: the compliance verdict asks for CAIO
    review (docs/verdicts.md section 6). Raised by fail, unanswered and unverified alike."""

    rule: str
    status: Status
    title: Text
    reason: Text
    location: Location


class RiskVerdict(Frozen):
    """The vendor's compliance risk: its level, the open findings that set it, escalations."""

    level: RiskLevel = Field(description="the worst risk of an open finding (= risk_level)")
    reasons: list[RiskReason] = Field(description="the open findings that set the level")
    escalations: list[Escalation] = Field(description="open findings of review_flag rules")
