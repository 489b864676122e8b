"""A finding's effective severity (a rule's ``severity_by`` rows, docs/verdicts.md section 8.3)
and where a finding on a field the declaration model derives from its 1.0 spelling points."""

from __future__ import annotations

from typing import Any

from aiprocure.engine.compiler import Check, Result, Shared, compile_shared
from aiprocure.model.checklist import Rule, Severity
from aiprocure.model.common import Text
from aiprocure.model.findings import Observed
from aiprocure.model.ruleset import Ruleset
from aiprocure.sources.yamlsrc import Document

# Fields the declaration model derives from their 1.0 spelling: a finding on the derived field
# points at the line of the fact that was written (the 1.0 key), not at its parent section.
LEGACY_SPELLING: dict[tuple[str, ...], tuple[str, ...]] = {
    ("use_case", "data", "training"): ("use_case", "data_for_training"),
    ("use_case", "data", "retrieval"): ("use_case", "data_for_retrieval"),
    ("use_case", "data", "prompts"): ("use_case", "data_for_retrieval"),
    ("use_case", "data"): ("use_case", "data_for_retrieval"),
    ("exit", "exports"): ("exit", "export_contents"),
    ("exit", "export_contents"): ("exit", "exports"),
}


def legacy_position(doc: Document, key: tuple[str, ...], found: tuple[int, int]) -> tuple[int, int]:
    """Where the 1.0 spelling of derived field ``key`` is written, if it is (else ``found``)."""
    (line, col), alt = doc.locate(LEGACY_SPELLING[key])
    return (line, col) if alt == LEGACY_SPELLING[key] else found


_WORST_ASSUMED = Text(
    ja="{reason}（該当するかが申告されていないため、最も厳しい区分とした）",
    en="{reason} (not declared, so the worst case is assumed)",
)

# (condition, severity, reason, reason when the condition is unknown), highest severity first.
SeverityRows = tuple[tuple[Check, Severity, Text, Text], ...]


def severity_rows(rule: Rule, ruleset: Ruleset, shared: Shared | None = None) -> SeverityRows:
    """The rows of ``rule`` that can raise its severity, compiled (equal conditions of the rule
    set into one closure, through ``shared``), highest first (stable)."""
    rows = sorted(rule.severity_by, key=lambda r: -r.severity.rank)
    return tuple(
        (
            compile_shared(row.when, ruleset, shared),
            row.severity,
            row.reason,
            Text(
                ja=_WORST_ASSUMED.ja.format(reason=row.reason.ja),
                en=_WORST_ASSUMED.en.format(reason=row.reason.en),
            ),
        )
        for row in rows
        if row.severity.rank > rule.severity.rank
    )


def effective_severity(
    rows: SeverityRows,
    data: dict[str, Any],
    values: dict[str, Any],
    known: dict[Check, Result] | None = None,
) -> None:
    """Raise ``values["severity"]`` to the highest row whose condition holds or cannot be settled
    (silence never lowers a severity), and say why in ``values["severity_reason"]``. ``known``:
    the conditions already evaluated on ``data`` (rows shared between rules), filled here."""
    scratch: dict[str, Observed] = {}  # the rows' facts are not the check's
    for when, severity, reason, assumed in rows:
        if known is None:
            met = when(data, scratch)
        elif when in known:
            met = known[when]
        else:
            met = known[when] = when(data, scratch)
        if met is not False:
            values["severity"] = severity
            values["severity_reason"] = reason if met else assumed
            return
