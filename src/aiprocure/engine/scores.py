"""Category scores, risk levels and review flags.

Scoring (documented in the README):

* each applicable rule carries a weight by severity: info 0, low 1, medium 2, high 4, critical 8;
* it earns a share of that weight by status: pass 1, waived 1, unverified 0.5, unanswered 0,
  fail 0; not_applicable rules leave the category entirely;
* a category's score is ``round(100 * earned / possible)`` (100 when nothing applies);
* each finding implies a risk: a failure carries its severity (info counts as low); a claim that
  is unanswered or lacks required evidence carries one step less (critical -> high, high ->
  medium, otherwise low); passes carry low. A category's risk is the worst in it, and the overall
  risk is the worst category.

Every status ranks pass >= waived >= unverified >= unanswered >= fail in both points and risk, so
answering an item well never lowers a score nor raises a risk (monotone).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from aiprocure.engine.findings import REPORT_STATUS_ORDER, RulePlan
from aiprocure.model.checklist import Severity
from aiprocure.model.common import Text
from aiprocure.model.findings import (
    CategoryScore,
    Finding,
    HighRiskResult,
    ReviewFlag,
    RiskLevel,
    Status,
    maker,
)
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
_OPEN_RISK = {
    Severity.INFO: RiskLevel.LOW,
    Severity.LOW: RiskLevel.LOW,
    Severity.MEDIUM: RiskLevel.LOW,
    Severity.HIGH: RiskLevel.MEDIUM,
    Severity.CRITICAL: RiskLevel.HIGH,
}


# Built without re-validating: every field given, of its type (see findings.maker).
_new_category_score = maker(CategoryScore)
_new_review_flag = maker(ReviewFlag)

_STATUSES = tuple(Status)  # iterating an Enum class is slow; this runs per category per report


def risk_of(status: Status, severity: Severity) -> RiskLevel:
    """The risk a finding of this status and severity implies."""
    if status is Status.FAIL:
        return _FAIL_RISK[severity]
    if status in (Status.UNANSWERED, Status.UNVERIFIED):
        return _OPEN_RISK[severity]
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
    severities: Sequence[Severity] | None = None,
) -> list[CategoryScore]:
    """The category scores of the findings of ``plans`` with statuses ``codes`` (as places in
    ``REPORT_STATUS_ORDER``). Each category's score is remembered per combination of its rules'
    statuses. ``order`` (indexes into ``plans``) orders categories outside the rule set by their
    first finding; waivers do not move them, so it is the order before any waiver applied.
    ``severities`` (per plan, when given) are the findings' effective severities (``severity_by``);
    by default each rule's own."""
    sev = [p.severity for p in plans] if severities is None else severities
    if categories is None:
        return scores_of(
            [(plans[i].category, plans[i].severity, _CODE_STATUS[codes[i]]) for i in order],
            ruleset,
            [sev[i] for i in order],
        )
    out = []
    for plan in categories:
        key = tuple([codes[i] for i in plan.members])
        raised = tuple([sev[i] for i in plan.members])
        if raised != plan.severities:
            key = (*key, *(s.rank for s in raised))
        score = plan.memo.get(key)
        if score is None:
            statuses = [_CODE_STATUS[c] for c in key[: len(plan.members)]]
            score = _score(list(zip(plan.severities, statuses, strict=True)), raised)
            if len(plan.memo) < _MEMO_MAX:
                plan.memo[key] = score
        out.append(_category_score(plan.category, ruleset, score))
    return out


_VP_REASON = Text(
    ja="高リスク判定シートの観点「{title}」が高リスク側（{label}）に該当します",
    en="High-risk determination viewpoint '{title}' is on its high side ({label})",
)
_RULE_REASON = Text(
    ja="重大な項目を満たしていません: {title}",
    en="A critical item is not met: {title}",
)


@lru_cache(maxsize=1024)
def _vp_reason(title_ja: str, title_en: str, label_ja: str, label_en: str) -> Text:
    return Text(
        ja=_VP_REASON.ja.format(title=title_ja, label=label_ja),
        en=_VP_REASON.en.format(title=title_en, label=label_en),
    )


@lru_cache(maxsize=1024)
def _rule_reason(title_ja: str, title_en: str) -> Text:
    return Text(
        ja=_RULE_REASON.ja.format(title=title_ja),
        en=_RULE_REASON.en.format(title=title_en),
    )


def review_flags(findings: Sequence[Finding], hr: HighRiskResult | None) -> list[ReviewFlag]:
    # Every field is given, of its type (ids and texts from validated sheets, the engine's own
    # locations): built without re-validating, like findings. Reasons are shared, frozen texts.
    flags: list[ReviewFlag] = []
    if hr is not None and hr.triggered:
        for v in hr.viewpoints:
            if v.high and v.label is not None:
                flags.append(
                    _new_review_flag(
                        {
                            "kind": "high_risk_viewpoint",
                            "source_id": v.id,
                            "title": v.title,
                            "reason": _vp_reason(v.title.ja, v.title.en, v.label.ja, v.label.en),
                            "location": v.location,
                        },
                    )
                )
    for f in findings:
        if f.review_flag and f.status is Status.FAIL:
            flags.append(
                _new_review_flag(
                    {
                        "kind": "critical_rule",
                        "source_id": f.rule_id,
                        "title": f.title,
                        "reason": _rule_reason(f.title.ja, f.title.en),
                        "location": f.location,
                    },
                )
            )
    return flags


def overall_risk(categories: Sequence[CategoryScore]) -> RiskLevel:
    """The worst risk of any category (low when there is none)."""
    return max((c.risk for c in categories), key=lambda r: r.rank, default=RiskLevel.LOW)
