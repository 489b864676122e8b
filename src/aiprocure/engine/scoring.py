"""Category scores, risk levels and high-risk review flags.

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

from aiprocure.engine.context import Context
from aiprocure.engine.evaluate import fields_of, holds, location_of
from aiprocure.model.checklist import Provenance, Severity
from aiprocure.model.common import Text
from aiprocure.model.findings import (
    CategoryScore,
    Finding,
    HighRiskResult,
    Location,
    ReviewFlag,
    RiskLevel,
    Status,
    ViewpointResult,
    trusted,
)
from aiprocure.model.ruleset import Ruleset
from aiprocure.sources.yamlsrc import Document

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


_STATUSES = tuple(Status)  # iterating an Enum class is slow; this runs per category per report


def finding_risk(f: Finding) -> RiskLevel:
    if f.status is Status.FAIL:
        return _FAIL_RISK[f.severity]
    if f.status in (Status.UNANSWERED, Status.UNVERIFIED):
        return _OPEN_RISK[f.severity]
    return RiskLevel.LOW


def worst(levels: Sequence[RiskLevel]) -> RiskLevel:
    return max(levels, key=lambda r: r.rank, default=RiskLevel.LOW)


def category_scores(findings: Sequence[Finding], ruleset: Ruleset) -> list[CategoryScore]:
    by_category: dict[str, list[Finding]] = {cat: [] for cat in ruleset.categories}
    for f in findings:
        by_category.setdefault(f.category, []).append(f)
    out = []
    for cat, members in by_category.items():
        if not members:
            continue
        applicable = [f for f in members if f.status is not Status.NOT_APPLICABLE]
        possible = float(sum(WEIGHT[f.severity] for f in applicable))
        earned = sum(WEIGHT[f.severity] * CREDIT[f.status] for f in applicable)
        score = 100 if possible == 0 else round(100 * earned / possible)
        counts = dict.fromkeys(_STATUSES, 0)
        for f in members:
            counts[f.status] += 1
        title = ruleset.categories[cat].title if cat in ruleset.categories else Text(ja=cat, en=cat)
        out.append(
            trusted(
                CategoryScore,
                {
                    "category": cat,
                    "title": title,
                    "score": score,
                    "risk": worst([finding_risk(f) for f in members]),
                    "counts": counts,
                    "points": float(earned),  # sum() of nothing is the int 0
                    "max_points": possible,
                },
            )
        )
    return out


def high_risk(
    data: dict[str, object], ruleset: Ruleset, doc: Document | None, file: str
) -> HighRiskResult | None:
    sheet = ruleset.high_risk
    if sheet is None:
        return None
    results = []
    for vp in sheet.viewpoints:
        ctx = Context(data, ruleset)  # nothing writes to data
        chosen = None
        unknown = False
        fields: list[str] = []
        for level in vp.levels:
            fields.extend(fields_of(level.when))
            r = holds(level.when, ctx)
            if r is None:
                unknown = True
                break
            if r:
                chosen = level
                break
        first_missing = next(
            (f for f in fields if ctx.observed.get(f) is None), fields[0] if fields else ""
        )
        loc_field = fields[0] if chosen is not None and fields else first_missing
        results.append(
            trusted(
                ViewpointResult,
                {
                    "id": vp.id,
                    "title": vp.title,
                    "level": chosen.id if chosen else None,
                    "label": chosen.label if chosen else None,
                    "high": None if (unknown or chosen is None) else chosen.high,
                    "location": location_of(doc, loc_field, file),
                    "observed": dict(sorted(ctx.observed.items())),
                },
            )
        )
    agg = sheet.aggregation
    need = 1 if agg.mode == "any" else agg.count
    high = sum(1 for v in results if v.high is True)
    open_ = sum(1 for v in results if v.high is None)
    return HighRiskResult(
        title=sheet.title,
        mode=agg.mode,
        count=need,
        provenance=agg.provenance,
        viewpoints=results,
        triggered=high >= need,
        undetermined=high < need <= high + open_,
    )


_VP_REASON = Text(
    ja="高リスク判定シートの観点「{title}」が高リスク側（{label}）に該当します",
    en="High-risk determination viewpoint '{title}' is on its high side ({label})",
)
_RULE_REASON = Text(
    ja="重大な項目を満たしていません: {title}",
    en="A critical item is not met: {title}",
)


def review_flags(findings: Sequence[Finding], hr: HighRiskResult | None) -> list[ReviewFlag]:
    flags: list[ReviewFlag] = []
    if hr is not None and hr.triggered:
        for v in hr.viewpoints:
            if v.high and v.label is not None:
                flags.append(
                    ReviewFlag(
                        kind="high_risk_viewpoint",
                        source_id=v.id,
                        title=v.title,
                        reason=Text(
                            ja=_VP_REASON.ja.format(title=v.title.ja, label=v.label.ja),
                            en=_VP_REASON.en.format(title=v.title.en, label=v.label.en),
                        ),
                        location=v.location,
                    )
                )
    for f in findings:
        if f.review_flag and f.status is Status.FAIL:
            flags.append(
                ReviewFlag(
                    kind="critical_rule",
                    source_id=f.rule_id,
                    title=f.title,
                    reason=Text(
                        ja=_RULE_REASON.ja.format(title=f.title.ja),
                        en=_RULE_REASON.en.format(title=f.title.en),
                    ),
                    location=f.location,
                )
            )
    return flags


def overall_risk(categories: Sequence[CategoryScore]) -> RiskLevel:
    return worst([c.risk for c in categories])


__all__ = [
    "CREDIT",
    "WEIGHT",
    "Location",
    "Provenance",
    "category_scores",
    "finding_risk",
    "high_risk",
    "overall_risk",
    "review_flags",
]
