"""The CI gate: which reports make `aiprocure check` exit 1."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from aiprocure.model.checklist import Severity
from aiprocure.model.findings import OPEN, DeterminationState, Report


class FailOn(StrEnum):
    """Lowest severity of an open finding (fail, unanswered, unverified) that fails the gate."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"
    NEVER = "never"


class IncompleteDetermination(StrEnum):
    """Whether an incomplete high-risk determination (判定未確定) blocks the gate like a raised
    one (``block``, the default) or is only shown (``warn``). No setting shows it as not raised."""

    BLOCK = "block"
    WARN = "warn"


def blocking(report: Report, fail_on: FailOn) -> list[str]:
    """Rule IDs whose open findings are at or above the threshold."""
    if fail_on is FailOn.NEVER:
        return []
    threshold = Severity(fail_on.value).rank
    return [f.rule_id for f in report.findings if f.status in OPEN and f.severity.rank >= threshold]


def review_blocks(report: Report, *, incomplete_blocks: bool | None = None) -> bool:
    """Whether the review part of the gate (``--fail-on-review``) blocks ``report``: the
    determination is raised, or incomplete unless incomplete determinations only warn, or the
    compliance verdict has an escalation. ``incomplete_blocks``: None takes the setting the report
    was assessed with (``determination.blocks_gate``)."""
    det = report.determination
    if incomplete_blocks is None:
        blocks = det.blocks_gate
    else:
        blocks = det.state is DeterminationState.RAISED or (
            det.state is DeterminationState.INCOMPLETE and incomplete_blocks
        )
    return blocks or bool(report.risk.escalations)


def gate_status(
    report: Report,
    fail_on: FailOn,
    *,
    fail_on_review: bool = True,
    incomplete_blocks: bool | None = None,
) -> int:
    """The exit status ``report`` alone calls for (0 or 1)."""
    if blocking(report, fail_on):
        return 1
    return int(fail_on_review and review_blocks(report, incomplete_blocks=incomplete_blocks))


def exit_code(reports: Sequence[Report], fail_on: FailOn, *, fail_on_review: bool = False) -> int:
    return max((gate_status(r, fail_on, fail_on_review=fail_on_review) for r in reports), default=0)


@dataclass(frozen=True, slots=True)
class Gate:
    """A run's gate (``--fail-on``, ``--fail-on-review``); ``gate(report)`` is the exit status
    that report alone calls for, wherever it is assessed (this process or a worker). Whether an
    incomplete determination blocks is the rule set's setting, recorded in each report
    (``determination.blocks_gate``)."""

    fail_on: FailOn = FailOn.HIGH
    fail_on_review: bool = True

    def __call__(self, report: Report) -> int:
        return exit_code([report], self.fail_on, fail_on_review=self.fail_on_review)
