"""The CI gate: which reports make `aiprocure check` exit 1."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from aiprocure.model.checklist import Severity
from aiprocure.model.findings import OPEN, Report


class FailOn(StrEnum):
    """Lowest severity of an open finding (fail, unanswered, unverified) that fails the gate."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"
    NEVER = "never"


def blocking(report: Report, fail_on: FailOn) -> list[str]:
    """Rule IDs whose open findings are at or above the threshold."""
    if fail_on is FailOn.NEVER:
        return []
    threshold = Severity(fail_on.value).rank
    return [f.rule_id for f in report.findings if f.status in OPEN and f.severity.rank >= threshold]


def exit_code(reports: Sequence[Report], fail_on: FailOn, *, fail_on_review: bool = False) -> int:
    for r in reports:
        if blocking(r, fail_on) or (fail_on_review and r.review_required):
            return 1
    return 0


@dataclass(frozen=True, slots=True)
class Gate:
    """A run's gate (``--fail-on``, ``--fail-on-review``); ``gate(report)`` is the exit status
    that report alone calls for, wherever it is assessed (this process or a worker)."""

    fail_on: FailOn = FailOn.HIGH
    fail_on_review: bool = True

    def __call__(self, report: Report) -> int:
        return exit_code([report], self.fail_on, fail_on_review=self.fail_on_review)
