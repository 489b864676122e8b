"""Category scores, risk levels and review flags.

Scoring (documented in the README):

* each applicable rule carries a weight by severity: info 0, low 1, medium 2, high 4, critical 8;
* it earns a share of that weight by status: pass 1, waived 1, unverified 0.5, unanswered 0,
  fail 0; not_applicable rules leave the category entirely;
* a category's score is ``round(100 * earned / possible)`` (100 when nothing applies);
* each finding implies a risk: an open finding (fail, unanswered, unverified) carries its
  severity (info counts as low) -- silence never scores better than the failure it could hide
  (docs/verdicts.md section 4.4); passes carry low. A category's risk is the worst in it, and the
  overall risk is the worst category.

Every status ranks pass >= waived >= unverified >= unanswered >= fail in points and pass/waived
below every open status in risk, so answering an item well never lowers a score nor raises a risk
(monotone), and leaving a fact out never lowers the risk (the deletion property, section 9).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aiprocure.engine.findings import REPORT_STATUS_ORDER, RulePlan
from aiprocure.model.checklist import Severity
from aiprocure.model.common import Text
from aiprocure.model.findings import OPEN, CategoryScore, Finding, RiskLevel, Status, maker
from aiprocure.model.ruleset import Ruleset

WEIGHT: dict[Severity, int] = {
    Severity.INFO: 0,
    Severity.LOW: 1,
    Severity.MEDIUM: 2,
    Severity.HIGH: 4,
    Severity.CRITICAL: 8,
}
CREDIT: dict[Status, float] = {
    Status.PASS: 1.0,
    Status.WAIVED: 1.0,
    Status.UNVERIFIED: 0.5,
    Status.UNANSWERED: 0.0,
    Status.FAIL: 0.0,
}
_FAIL_RISK = {
    Severity.INFO: RiskLevel.LOW,
    Severity.LOW: RiskLevel.LOW,
    Severity.MEDIUM: RiskLevel.MEDIUM,
    Severity.HIGH: RiskLevel.HIGH,
    Severity.CRITICAL: RiskLevel.CRITICAL,
}


# Built without re-validating: every field given, of its type (see findings.maker).
_new_category_score = maker(CategoryScore)

_STATUSES = tuple(Status)  # iterating an Enum class is slow; this runs per category per report


def risk_of(status: Status, severity: Severity) -> RiskLevel:
    """The risk a finding of this status and severity implies."""
    if status in OPEN:  # unanswered and unverified at full severity: silence never scores better
        return _FAIL_RISK[severity]
    return RiskLevel.LOW


_LEVELS = tuple(RiskLevel)
# What one finding adds to its category, by status and severity: weight possible, points earned
# (None when not applicable) and its risk as a bit (1 << rank), so a category's risks are OR-ed.
_SCORE: dict[Status, dict[Severity, tuple[int, float | None, int]]] = {
    st: {
        sev: (
            WEIGHT[sev],
            None if st is Status.NOT_APPLICABLE else WEIGHT[sev] * CREDIT[st],
            1 << risk_of(st, sev).rank,
        )
        for sev in Severity
    }
    for st in Status
}


# A category's score, risk, counts, points and possible points.
_Score = tuple[int, RiskLevel, dict[Status, int], float, float]


def _score(
    members: Sequence[tuple[Severity, Status]], raised: Sequence[Severity] | None = None
) -> _Score:
    """Weights follow each rule's own severity; risks the effective one (``raised``, per member,
    when ``severity_by`` raised it), so that the facts that raise a severity raise the risk of an
    open finding without changing what a passing rule contributes to the score."""
    possible = 0
    earned = 0.0
    risks = 1  # RiskLevel.LOW: every finding carries at least that
    counts = dict.fromkeys(_STATUSES, 0)
    for i, (severity, status) in enumerate(members):
        counts[status] += 1
        weight, points, risk = _SCORE[status][severity]
        if raised is not None:
            risk = _SCORE[status][raised[i]][2]
        if points is not None:  # not_applicable rules leave the category entirely
            possible += weight
            earned += points  # halves and whole numbers: exact in any order
        risks |= risk
    max_points = float(possible)
    score = 100 if max_points == 0 else round(100 * earned / max_points)
    return score, _LEVELS[risks.bit_length() - 1], counts, earned, max_points


def _category_score(cat: str, ruleset: Ruleset, score: _Score) -> CategoryScore:
    category = ruleset.categories.get(cat)
    return _new_category_score(
        {
            "category": cat,
            "title": Text(ja=cat, en=cat) if category is None else category.title,
            "score": score[0],
            "risk": score[1],
            "counts": score[2].copy(),  # a dict of each report's own
            "points": score[3],
            "max_points": score[4],
        },
    )


def scores_of(
    entries: Sequence[tuple[str, Severity, Status]],
    ruleset: Ruleset,
    raised: Sequence[Severity] | None = None,
) -> list[CategoryScore]:
    """The scores of the categories of findings given as (category, severity, status): the rule
    set's categories first, in its order, then others in order of appearance. ``raised``: each
    entry's effective severity (see ``_score``), by default its severity."""
    groups: dict[str, list[tuple[Severity, Status]] | None] = dict.fromkeys(ruleset.categories)
    effective: dict[str, list[Severity]] = {}
    for i, (cat, severity, status) in enumerate(entries):  # the rule set's categories first
        members = groups.get(cat)
        if members is None:
            groups[cat] = [(severity, status)]
        else:
            members.append((severity, status))
        effective.setdefault(cat, []).append(severity if raised is None else raised[i])
    return [
        _category_score(cat, ruleset, _score(members, effective[cat]))
        for cat, members in groups.items()
        if members is not None
    ]


_MEMO_MAX = 4096  # scores kept per category, one per combination of its rules' statuses


@dataclass(frozen=True, slots=True)
class CategoryPlan:
    """The rules of one category, as indexes into the report-order plans, and a private memo: the
    scores of the combinations of their statuses seen so far (scores do not depend on the
    declaration)."""

    category: str
    members: tuple[int, ...]
    severities: tuple[Severity, ...]
    memo: dict[tuple[int, ...], _Score]


def category_plans(plans: Sequence[RulePlan], ruleset: Ruleset) -> tuple[CategoryPlan, ...] | None:
    """The categories of the rule set that have rules, in its order; None when a rule's category
    is not in the rule set (those come last in order of appearance: scores_of() handles them)."""
    members: dict[str, list[int]] = {cat: [] for cat in ruleset.categories}
    for i, plan in enumerate(plans):
        group = members.get(plan.category)
        if group is None:
            return None
        group.append(i)
    return tuple(
        CategoryPlan(cat, tuple(idx), tuple(plans[i].severity for i in idx), {})
        for cat, idx in members.items()
        if idx
    )


_CODE_STATUS = REPORT_STATUS_ORDER  # a finding's status code -> its status


def category_scores(
    ruleset: Ruleset,
    categories: tuple[CategoryPlan, ...] | None,
    plans: Sequence[RulePlan],
    codes: Sequence[int],
    order: Sequence[int],
    findings: Sequence[Finding] | None = None,
) -> list[CategoryScore]:
    """The category scores of the findings of ``plans`` with statuses ``codes`` (as places in
    ``REPORT_STATUS_ORDER``). Each category's score is remembered per combination of its rules'
    statuses. ``order`` (indexes into ``plans``) orders categories outside the rule set by their
    first finding; waivers do not move them, so it is the order before any waiver applied.
    With ``findings`` (in plan order), each finding's own ``severity`` -- its effective severity
    where ``severity_by`` raised it -- sets the risk it carries; the weights stay the rules' own
    (``_score``), so a raised severity never changes what a passing rule contributes."""
    if categories is None:
        return scores_of(
            [(plans[i].category, plans[i].severity, _CODE_STATUS[codes[i]]) for i in order],
            ruleset,
            [_severity(plans, findings, i) for i in order],
        )
    out = []
    for plan in categories:
        key = tuple([codes[i] for i in plan.members])
        raised = plan.severities
        if findings is not None:
            raised = tuple([findings[i].severity for i in plan.members])
        memo = raised == plan.severities  # the memo holds the rules' own severities
        score = plan.memo.get(key) if memo else None
        if score is None:
            statuses = [_CODE_STATUS[c] for c in key]
            score = _score(list(zip(plan.severities, statuses, strict=True)), raised)
            if memo and len(plan.memo) < _MEMO_MAX:
                plan.memo[key] = score
        out.append(_category_score(plan.category, ruleset, score))
    return out


def _severity(plans: Sequence[RulePlan], findings: Sequence[Finding] | None, i: int) -> Severity:
    return plans[i].severity if findings is None else findings[i].severity


def overall_risk(categories: Sequence[CategoryScore]) -> RiskLevel:
    """The worst risk of any category (low when there is none)."""
    return max((c.risk for c in categories), key=lambda r: r.rank, default=RiskLevel.LOW)
