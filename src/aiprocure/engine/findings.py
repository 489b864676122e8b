"""Rules -> findings: each rule's plan, run over one declaration.

A ``RulePlan`` holds what evaluating a rule needs that does not depend on the declaration: its
compiled conditions, the fields it names, its messages and its finding's fixed values.
``engine.compile_ruleset`` makes one per rule; ``run_rules`` runs them and ``report_order`` puts
the findings in a report's order without sorting them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from aiprocure.engine import evidence as ev
from aiprocure.engine import severity as sev
from aiprocure.engine.compiler import Check, Result, Shared, compile_condition, compile_shared
from aiprocure.engine.locations import location_of
from aiprocure.engine.messages import MessagePlan, message_plan
from aiprocure.model.checklist import Reference, Rule, Severity
from aiprocure.model.common import Text
from aiprocure.model.conditions import fields_of
from aiprocure.model.fields import section_of
from aiprocure.model.findings import EvidenceRef, Finding, Location, Observed, Status, maker
from aiprocure.model.ruleset import Ruleset
from aiprocure.sources.yamlsrc import Document


def _positioned(
    plan: RulePlan, observed: dict[str, Observed], status: Status, message: Text, code: int
) -> tuple[Status, Text, int, str]:
    """A predicate that names the fact behind its answer (``engine.holders``): the finding points
    at that fact, and a pass whose claim lacks evidence is unverified."""
    at = observed.pop("@at", None)
    unverified = observed.pop("@unverified", None)
    primary = plan.primary
    if code == _C_PASS and isinstance(unverified, str):
        return _S_UNVERIFIED, _fmt(_UNVERIFIED, section=unverified), _C_UNVERIFIED, unverified
    if isinstance(at, str) and code in (_C_FAIL, _C_UNANSWERED):
        if code == _C_UNANSWERED:
            message = _fmt(_UNANSWERED, fields=at)
        return status, message, code, at
    if code == _C_UNVERIFIED:
        primary = plan.section
    elif code == _C_UNANSWERED:
        primary = plan.unanswered_message(observed)[1]
    return status, message, code, primary


_new_finding = maker(Finding)


_UNANSWERED = Text(
    ja="回答がありません: {fields}",
    en="Not answered: {fields}",
)
_UNVERIFIED = Text(
    ja="根拠資料（evidence）が {section} に示されていません",
    en="The claim is not backed by evidence in {section}",
)
_NOT_APPLICABLE = Text(ja="この案件には適用されません", en="Does not apply to this case")
_PASS = Text(ja="要件を満たしています", en="Requirement met")
_FAIL = Text(ja="要件を満たしていません: {title}", en="Requirement not met: {title}")


def _fmt(t: Text, **kw: str) -> Text:
    return Text(ja=t.ja.format(**kw), en=t.en.format(**kw))


_evidence = ev.section_refs  # the evidence the declaration gives for a whole section


_MESSAGES_MAX = 64  # "not answered" messages kept per rule, one per set of missing fields


@dataclass(frozen=True, slots=True)
class RulePlan:
    """What evaluating a rule needs that does not depend on the declaration. Its one mutable
    part is a private memo: the "not answered" message per set of missing fields."""

    fields: tuple[str, ...]  # every field the check names, in order
    unique_fields: tuple[str, ...]
    primary: str
    section: str
    fail_message: Text
    unverified_message: Text
    check: Check
    applies_if: Check | None
    rule_id: str
    severity: Severity
    category: str
    references: tuple[Reference, ...]  # copied into each finding: a list of its own
    evidence_required: bool
    review_flag: bool
    severity_rows: sev.SeverityRows  # severity_by, compiled (engine.severity)
    finding: dict[str, Any]  # a finding's values (copied, never changed); run_rules adds the rest
    # fills the fail message's {limit}, {missing}... (engine.messages)
    fill: MessagePlan | None = None
    unanswered: dict[tuple[str, ...], Text] = field(default_factory=dict)
    evidence_kinds: frozenset[str] = frozenset()  # what backs the claim (engine.evidence)

    def unanswered_message(self, observed: dict[str, Observed]) -> tuple[Text, str]:
        """The message for the fields still unanswered, and the field the finding points at."""
        get = observed.get
        missing = tuple([f for f in self.unique_fields if get(f) is None]) or self.fields
        message = self.unanswered.get(missing)
        if message is None:
            message = _fmt(_UNANSWERED, fields=", ".join(missing))
            if len(self.unanswered) < _MESSAGES_MAX:
                self.unanswered[missing] = message
        return message, missing[0] if missing else self.primary


def rule_plan(rule: Rule, ruleset: Ruleset, shared: Shared | None = None) -> RulePlan:
    """The plan of one rule, its conditions compiled for ``ruleset``; with ``shared``, its
    ``applies_if`` and ``severity_by`` rows are the closures of equal conditions of other rules
    (``compiler.compile_shared``), evaluated once per declaration."""
    fields = fields_of(rule.check)
    primary = fields[0] if fields else rule.evidence_section or ""
    section = rule.evidence_section or section_of(primary)
    return RulePlan(
        fields=tuple(fields),
        unique_fields=tuple(dict.fromkeys(fields)),
        primary=primary,
        section=section,
        fail_message=rule.message
        or Text(ja=_FAIL.ja.format(title=rule.title.ja), en=_FAIL.en.format(title=rule.title.en)),
        unverified_message=_fmt(_UNVERIFIED, section=section),
        check=compile_condition(rule.check, ruleset),
        applies_if=None
        if rule.applies_if is None
        else compile_shared(rule.applies_if, ruleset, shared),
        rule_id=rule.id,
        severity=rule.severity,
        category=rule.category,
        references=tuple(rule.references),
        evidence_required=rule.evidence_required,
        review_flag=rule.review_flag,
        severity_rows=sev.severity_rows(rule, ruleset, shared),
        evidence_kinds=frozenset(k.value for k in rule.evidence_kinds),
        finding={
            "rule_id": rule.id,
            "status": None,
            "severity": rule.severity,
            "severity_base": rule.severity,
            "severity_reason": None,
            "category": rule.category,
            "sheet": rule.sheet,
            "title": rule.title,
            "message": None,
            "remediation": rule.remediation,
            "provenance": rule.provenance,
            "references": None,
            "location": None,
            "observed": None,
            "evidence": None,
            "review_flag": False,
            "waiver": None,
            "conditions": [],  # shared, never changed: engine.evidence gives a finding its own
            "any_region": [],
        },
        fill=message_plan(rule, ruleset),
    )


# The order a report lists findings in: by status in this order, then severity (highest first),
# then rule ID (assess.finding_sort_key).
REPORT_STATUS_ORDER = (
    Status.FAIL,
    Status.UNVERIFIED,
    Status.UNANSWERED,
    Status.WAIVED,
    Status.PASS,
    Status.NOT_APPLICABLE,
)


# Enum members as module constants: looking one up on its class costs more than a global.
_S_PASS, _S_FAIL, _S_UNANSWERED = Status.PASS, Status.FAIL, Status.UNANSWERED
_S_UNVERIFIED, _S_NOT_APPLICABLE = Status.UNVERIFIED, Status.NOT_APPLICABLE
# A finding's status as its place in REPORT_STATUS_ORDER. Ints, not the members: a dict or tuple
# keyed by an Enum member hashes it with a Python-level __hash__.
_C_FAIL, _C_UNVERIFIED, _C_UNANSWERED, _C_PASS, _C_NOT_APPLICABLE = (
    REPORT_STATUS_ORDER.index(s)
    for s in (_S_FAIL, _S_UNVERIFIED, _S_UNANSWERED, _S_PASS, _S_NOT_APPLICABLE)
)
C_FAIL = _C_FAIL
C_WAIVED = REPORT_STATUS_ORDER.index(Status.WAIVED)
OPEN_CODES = frozenset({_C_FAIL, _C_UNVERIFIED, _C_UNANSWERED})  # what a waiver can cover


def run_rules(
    plans: Sequence[RulePlan],
    data: dict[str, Any],
    doc: Document | None,
    file: str,
    evidence: dict[str, list[EvidenceRef]],
    locations: dict[str, Location],
    facts: ev.FactsView | None = None,
) -> tuple[list[Finding], list[int]]:
    """The findings of ``plans``, in order, and their statuses (as places in
    ``REPORT_STATUS_ORDER``). ``evidence`` (per section) and ``locations`` (per field path) are
    filled as they are needed: each is built once per declaration."""
    out: list[Finding] = []
    codes: list[int] = []
    # Conditions shared by several rules (``compile_shared``), evaluated once on ``data``: an
    # ``applies_if`` with what it observed, a severity row with its answer.
    applicable: dict[Check, tuple[Result, dict[str, Observed]]] = {}
    rows: dict[Check, Result] = {}
    for plan in plans:
        observed: dict[str, Observed] = {}
        section = plan.section
        refs = evidence.get(section)
        if refs is None:
            refs = evidence[section] = _evidence(data, section)
        primary = plan.primary
        status: Status
        applies_if = plan.applies_if
        applies: Result = True
        if applies_if is not None:
            known = applicable.get(applies_if)
            if known is None:
                applies = applies_if(data, observed)
                applicable[applies_if] = (applies, observed.copy())
            else:
                applies, seen = known
                observed.update(seen)
        if applies is False:
            status, message, code = _S_NOT_APPLICABLE, _NOT_APPLICABLE, _C_NOT_APPLICABLE
        else:
            result = plan.check(data, observed)
            if result is None:
                status, code = _S_UNANSWERED, _C_UNANSWERED
                message, primary = plan.unanswered_message(observed)
            elif result is False:
                status, message, code = _S_FAIL, plan.fail_message, _C_FAIL
                if plan.fill is not None:
                    message = plan.fill.fill(data)
            elif plan.evidence_required and (
                why := ev.unbacked(
                    plan.rule_id, plan.evidence_kinds, refs, facts, plan.unverified_message
                )
            ):
                status, message, code = _S_UNVERIFIED, why, _C_UNVERIFIED
                primary = section
            else:
                status, message, code = _S_PASS, _PASS, _C_PASS
        if "@at" in observed or "@unverified" in observed:  # a holder predicate's own position
            status, message, code, primary = _positioned(plan, observed, status, message, code)
        location = locations.get(primary)
        if location is None:  # rules share fields
            location = locations[primary] = location_of(doc, primary, file)
        # Every value below is already of its field's type (the rule was validated at load,
        # statuses and texts are the engine's own): built without re-validating. Same JSON.
        values = plan.finding.copy()  # the rule's own values, every key in the model's order
        values["status"] = status
        values["message"] = message
        values["references"] = list(plan.references)
        values["location"] = location
        values["observed"] = dict(sorted(observed.items())) if len(observed) > 1 else observed
        values["evidence"] = list(refs)
        if facts is not None:  # format 2.0 metadata: the finding's own facts (engine.evidence)
            ev.complete(values, plan.evidence_kinds, values["evidence"], facts)
        if plan.severity_rows and code != _C_NOT_APPLICABLE:
            sev.effective_severity(plan.severity_rows, data, values, rows)
        # An escalation (docs/verdicts.md section 6): raised by any open status, so silence
        # cannot avoid it.
        if plan.review_flag and code in OPEN_CODES:
            values["review_flag"] = True
        out.append(_new_finding(values))
        codes.append(code)
    return out, codes


def report_order(codes: Sequence[int]) -> list[int]:
    """The indexes of ``codes`` in a report's order: by status (``REPORT_STATUS_ORDER``), stable.
    Run over plans in report order (severity, then rule ID), that is ``assess.finding_sort_key``
    order without sorting."""
    groups: list[list[int]] = [[] for _ in REPORT_STATUS_ORDER]
    for i, code in enumerate(codes):
        groups[code].append(i)
    return [i for group in groups for i in group]
