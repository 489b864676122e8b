"""Conditions -> True/False/None, and rules -> one Finding each.

Three-valued logic: None means "the facts needed are unanswered". ``all`` is False if any part is
False, else None if any part is None; ``any`` is True if any part is True, else None if any is None;
``not`` keeps None. So an unanswered fact never turns into a pass.

Each rule's conditions are compiled once per rule set (``engine.compiler``) into a ``_Plan`` kept in
``Ruleset.engine_cache``, with everything about the finding that does not depend on the
declaration; evaluating a declaration then runs the plans.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, assert_never

from aiprocure.engine.build import maker
from aiprocure.engine.compiler import Check, compile_condition
from aiprocure.engine.context import Context
from aiprocure.engine.predicates import PREDICATES
from aiprocure.model.checklist import (
    All,
    AllIn,
    Any_,
    AtLeast,
    AtMost,
    Condition,
    ContainsAll,
    Equals,
    Matches,
    NoneIn,
    NonEmpty,
    Not,
    OneOf,
    Predicate,
    Present,
    Reference,
    Rule,
    Severity,
)
from aiprocure.model.common import Text
from aiprocure.model.findings import EvidenceRef, Finding, Location, Observed, Status
from aiprocure.model.ruleset import Ruleset
from aiprocure.sources.yamlsrc import Document

Result = bool | None


def holds(cond: Condition, ctx: Context) -> Result:
    """Evaluate one condition over the declaration in ``ctx`` (recording what it reads there)."""
    return compile_condition(cond, ctx.ruleset)(ctx.data, ctx.observed)


def fields_of(cond: Condition) -> list[str]:
    """Every declaration field a condition names, in order (predicates name their own)."""
    if isinstance(cond, Equals):
        return [cond.equals.field]
    if isinstance(cond, OneOf):
        return [cond.one_of.field]
    if isinstance(cond, AllIn):
        return [cond.all_in.field]
    if isinstance(cond, NoneIn):
        return [cond.none_in.field]
    if isinstance(cond, ContainsAll):
        return [cond.contains_all.field]
    if isinstance(cond, AtLeast):
        return [cond.at_least.field]
    if isinstance(cond, AtMost):
        return [cond.at_most.field]
    if isinstance(cond, Present):
        return [cond.present.field]
    if isinstance(cond, NonEmpty):
        return [cond.non_empty.field]
    if isinstance(cond, Matches):
        return [cond.matches.field]
    if isinstance(cond, Predicate):
        spec = PREDICATES.get(cond.predicate.name)
        return list(spec.fields) if spec else []
    if isinstance(cond, All):
        return [f for c in cond.all for f in fields_of(c)]
    if isinstance(cond, Any_):
        return [f for c in cond.any for f in fields_of(c)]
    if isinstance(cond, Not):
        return fields_of(cond.not_)
    assert_never(cond)


_LOC_KEYS: dict[str, tuple[str, ...]] = {}
_new_location = maker(Location)
_new_finding = maker(Finding)


def location_of(doc: Document | None, path: str, file: str) -> Location:
    """Position of a field path in the declaration; a missing field points at its parent."""
    if doc is None:
        return _new_location({"file": file, "line": 1, "col": 1, "field": path})
    key = _LOC_KEYS.get(path)
    if key is None:
        key = tuple(s.removesuffix("[]") for s in path.split("."))
        if len(_LOC_KEYS) < 4096:
            _LOC_KEYS[path] = key
    (line, col), _ = doc.locate(key)
    # Every field is already of its type (1-based ints): skip re-validation.
    return _new_location({"file": file, "line": line, "col": col, "field": path})


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


def _evidence(data: dict[str, Any], section: str) -> list[EvidenceRef]:
    """The evidence the declaration gives for the section a rule looks at."""
    sec = data.get(section)
    items = sec.get("evidence") if isinstance(sec, dict) else None
    return [EvidenceRef.model_validate(e) for e in items or []]


_MESSAGES_MAX = 64  # "not answered" messages kept per rule, one per set of missing fields


@dataclass(frozen=True, slots=True)
class _Plan:
    """What evaluating a rule needs that does not depend on the declaration."""

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
    finding: dict[str, Any]  # a finding's values; _run fills in those of the declaration
    unanswered: dict[tuple[str, ...], Text] = field(default_factory=dict)

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


def _plan(rule: Rule, ruleset: Ruleset) -> _Plan:
    cached = ruleset.engine_cache.get(id(rule))
    if cached is not None and cached[0] is rule:
        plan: _Plan = cached[1]
        return plan
    fields = fields_of(rule.check)
    primary = fields[0] if fields else rule.evidence_section or ""
    section = rule.evidence_section or primary.split(".")[0].removesuffix("[]")
    plan = _Plan(
        fields=tuple(fields),
        unique_fields=tuple(dict.fromkeys(fields)),
        primary=primary,
        section=section,
        fail_message=rule.message
        or Text(ja=_FAIL.ja.format(title=rule.title.ja), en=_FAIL.en.format(title=rule.title.en)),
        unverified_message=_fmt(_UNVERIFIED, section=section),
        check=compile_condition(rule.check, ruleset),
        applies_if=None if rule.applies_if is None else compile_condition(rule.applies_if, ruleset),
        rule_id=rule.id,
        severity=rule.severity,
        category=rule.category,
        references=tuple(rule.references),
        evidence_required=rule.evidence_required,
        review_flag=rule.review_flag,
        finding={
            "rule_id": rule.id,
            "status": None,
            "severity": rule.severity,
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
        },
    )
    ruleset.engine_cache[id(rule)] = (rule, plan)  # the rule kept alive, so its id stays its own
    return plan


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


@dataclass(frozen=True, slots=True)
class _RulePlans:
    in_order: list[_Plan]  # as the rule set lists its rules
    by_severity: list[_Plan]  # by severity (highest first), then rule ID: a report's order


_RULE_PLANS = -1  # engine_cache key of the plans for ruleset.rules (never an id())


def _rule_plans(ruleset: Ruleset) -> _RulePlans:
    """The plans of the rule set's rules; rebuilt if the rule list has changed."""
    cached = ruleset.engine_cache.get(_RULE_PLANS)
    if cached is not None and cached[0] == ruleset.rules:
        plans: _RulePlans = cached[1]
        return plans
    rules = list(ruleset.rules)
    in_order = [_plan(rule, ruleset) for rule in rules]
    by_severity = sorted(in_order, key=lambda p: (-p.severity.rank, p.rule_id))  # stable
    plans = _RulePlans(in_order, by_severity)
    ruleset.engine_cache[_RULE_PLANS] = (rules, plans)
    return plans


def _plans(ruleset: Ruleset) -> list[_Plan]:
    """The plans of the rule set's rules, in order."""
    return _rule_plans(ruleset).in_order


# Enum members as module constants: looking one up on its class costs more than a global.
_S_PASS, _S_FAIL, _S_UNANSWERED = Status.PASS, Status.FAIL, Status.UNANSWERED
_S_UNVERIFIED, _S_NOT_APPLICABLE = Status.UNVERIFIED, Status.NOT_APPLICABLE
# A finding's status as its place in REPORT_STATUS_ORDER. Ints, not the members: a dict or tuple
# keyed by an Enum member hashes it with a Python-level __hash__.
_C_FAIL, _C_UNVERIFIED, _C_UNANSWERED, _C_PASS, _C_NOT_APPLICABLE = (
    REPORT_STATUS_ORDER.index(s)
    for s in (_S_FAIL, _S_UNVERIFIED, _S_UNANSWERED, _S_PASS, _S_NOT_APPLICABLE)
)


def _run(
    plans: Sequence[_Plan],
    data: dict[str, Any],
    doc: Document | None,
    file: str,
    evidence: dict[str, list[EvidenceRef]],
    locations: dict[str, Location],
) -> tuple[list[Finding], list[int]]:
    """The findings of ``plans``, in order, and their statuses (as places in
    ``REPORT_STATUS_ORDER``). ``evidence`` (per section) and ``locations`` (per field path) are
    filled as they are needed: each is built once per declaration."""
    out: list[Finding] = []
    codes: list[int] = []
    for plan in plans:
        observed: dict[str, Observed] = {}
        section = plan.section
        refs = evidence.get(section)
        if refs is None:
            refs = evidence[section] = _evidence(data, section)
        primary = plan.primary
        status: Status
        applies_if = plan.applies_if
        if applies_if is not None and applies_if(data, observed) is False:
            status, message, code = _S_NOT_APPLICABLE, _NOT_APPLICABLE, _C_NOT_APPLICABLE
        else:
            result = plan.check(data, observed)
            if result is None:
                status, code = _S_UNANSWERED, _C_UNANSWERED
                message, primary = plan.unanswered_message(observed)
            elif result is False:
                status, message, code = _S_FAIL, plan.fail_message, _C_FAIL
            elif plan.evidence_required and not refs:
                status, message, code = _S_UNVERIFIED, plan.unverified_message, _C_UNVERIFIED
                primary = section
            else:
                status, message, code = _S_PASS, _PASS, _C_PASS
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
        if code == _C_FAIL and plan.review_flag:
            values["review_flag"] = True
        out.append(_new_finding(values))
        codes.append(code)
    return out, codes


def evaluate_rule(
    rule: Rule,
    data: dict[str, Any],
    ruleset: Ruleset,
    doc: Document | None,
    file: str,
    evidence: dict[str, list[EvidenceRef]] | None = None,
    locations: dict[str, Location] | None = None,
) -> Finding:
    """One rule's finding. ``evidence`` and ``locations`` are per-declaration caches to share."""
    return _run(
        (_plan(rule, ruleset),),
        data,
        doc,
        file,
        {} if evidence is None else evidence,
        {} if locations is None else locations,
    )[0][0]


@dataclass(frozen=True, slots=True)
class ReportFindings:
    """Findings in a report's order, with what scoring needs to know of each."""

    findings: list[Finding]
    flagged: list[Finding]  # the findings with review_flag set, in the same order
    plans: Sequence[_Plan]  # every rule's plan, in the rule set's report order (by severity, ID)
    codes: list[int]  # the status of each plan's finding, as its place in REPORT_STATUS_ORDER

    @property
    def entries(self) -> list[tuple[str, Severity, Status]]:
        """(category, severity, status) of each finding, in the same order as ``findings``."""
        plans, codes = self.plans, self.codes
        order = sorted(range(len(codes)), key=codes.__getitem__)  # stable, as the findings
        return [
            (plans[i].category, plans[i].severity, REPORT_STATUS_ORDER[codes[i]]) for i in order
        ]


def report_findings(
    data: dict[str, Any],
    ruleset: Ruleset,
    doc: Document | None,
    file: str,
    locations: dict[str, Location] | None = None,
) -> ReportFindings:
    """Every rule's finding in a report's order (``REPORT_STATUS_ORDER``, then severity, then rule
    ID): what sorting evaluate() by assess.finding_sort_key gives, without sorting."""
    plans = _rule_plans(ruleset).by_severity
    located: dict[str, Location] = {} if locations is None else locations
    found, codes = _run(plans, data, doc, file, {}, located)
    groups: list[list[Finding]] = [[] for _ in REPORT_STATUS_ORDER]
    for finding, code in zip(found, codes, strict=True):  # stable: by severity and ID in each
        groups[code].append(finding)
    failed = groups[_C_FAIL]
    return ReportFindings(
        findings=[f for group in groups for f in group],
        # Failures come first; those of rules that flag for review, in their order.
        flagged=[f for f in failed if f.review_flag],
        plans=plans,
        codes=codes,
    )


def evaluate(
    data: dict[str, Any], ruleset: Ruleset, doc: Document | None, file: str
) -> Iterator[Finding]:
    """Every rule's finding, in rule set order."""
    yield from _run(_rule_plans(ruleset).in_order, data, doc, file, {}, {})[0]
