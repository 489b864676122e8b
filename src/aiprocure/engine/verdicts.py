"""The verdicts' reasons (docs/verdicts.md sections 3, 5, 6): the escalations of the compliance
verdict (open findings of rules with ``review_flag``), the risk verdict with the findings that set
it, and the review flags (raised and undetermined viewpoints, escalations). No I/O."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from aiprocure.engine.scores import risk_of
from aiprocure.model.common import Text
from aiprocure.model.findings import (
    OPEN,
    Determination,
    DeterminationState,
    Escalation,
    Finding,
    HighRiskResult,
    ReviewFlag,
    RiskLevel,
    RiskReason,
    RiskVerdict,
    Status,
    maker,
)

# Built without re-validating: every field given, of its type (see findings.maker).
_new_review_flag = maker(ReviewFlag)
_new_escalation = maker(Escalation)
_new_risk_reason = maker(RiskReason)
_new_risk_verdict = maker(RiskVerdict)

_VP_REASON = Text(
    ja="高リスク判定シートの観点「{title}」が高リスク側（{label}）に該当します",
    en="High-risk determination viewpoint '{title}' is on its high side ({label})",
)
_VP_OPEN_REASON = Text(
    ja="高リスク判定シートの観点「{title}」は未回答の項目があるため判定できません（{missing}）",
    en="High-risk determination viewpoint '{title}' cannot be decided: not answered ({missing})",
)
# Rules with ``review_flag: true`` may be high as well as critical: the reason says what they
# are (an item that needs CAIO review), not how severe.
_RULE_REASON = Text(
    ja="CAIO への確認を要する項目が未解決です（{status}）: {title}",
    en="An item that needs CAIO review is open ({status}): {title}",
)
_STATUS_WORD = {
    Status.FAIL: Text(ja="不適合", en="fail"),
    Status.UNANSWERED: Text(ja="未回答", en="unanswered"),
    Status.UNVERIFIED: Text(ja="裏付けなし", en="unverified"),
}


@lru_cache(maxsize=1024)
def _vp_reason(title_ja: str, title_en: str, label_ja: str, label_en: str) -> Text:
    return Text(
        ja=_VP_REASON.ja.format(title=title_ja, label=label_ja),
        en=_VP_REASON.en.format(title=title_en, label=label_en),
    )


@lru_cache(maxsize=1024)
def _vp_open_reason(title_ja: str, title_en: str, missing: str) -> Text:
    return Text(
        ja=_VP_OPEN_REASON.ja.format(title=title_ja, missing=missing),
        en=_VP_OPEN_REASON.en.format(title=title_en, missing=missing),
    )


@lru_cache(maxsize=1024)
def _rule_reason(title_ja: str, title_en: str, status: Status) -> Text:
    word = _STATUS_WORD[status]
    return Text(
        ja=_RULE_REASON.ja.format(title=title_ja, status=word.ja),
        en=_RULE_REASON.en.format(title=title_en, status=word.en),
    )


def escalations(findings: Sequence[Finding]) -> list[Escalation]:
    """The open findings (fail, unanswered, unverified) of rules with ``review_flag: true``, in
    the order given: escalations of the compliance verdict. Silence cannot avoid one."""
    return [
        _new_escalation(
            {
                "rule": f.rule_id,
                "status": f.status,
                "title": f.title,
                "reason": _rule_reason(f.title.ja, f.title.en, f.status),
                "location": f.location,
            }
        )
        for f in findings
        if f.review_flag and f.status in OPEN
    ]


def risk_verdict(
    level: RiskLevel, findings: Sequence[Finding], escalated: list[Escalation]
) -> RiskVerdict:
    """The compliance verdict: ``level`` with the open findings that set it (report order)."""
    reasons = [
        _new_risk_reason({"rule": f.rule_id, "status": f.status, "severity": f.severity})
        for f in findings
        if f.status in OPEN and risk_of(f.status, f.severity) is level
    ]
    return _new_risk_verdict({"level": level, "reasons": reasons, "escalations": escalated})


def review_flags(
    findings: Sequence[Finding],
    hr: HighRiskResult | None,
    determination: Determination | None = None,
) -> list[ReviewFlag]:
    """Why the case goes to CAIO review: raised viewpoints, then (when ``determination`` is
    given) undetermined ones, then the escalations among ``findings``."""
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
    if determination is not None and determination.state is not DeterminationState.NOT_RAISED:
        for r in determination.reasons:
            if r.state == "undetermined":
                flags.append(
                    _new_review_flag(
                        {
                            "kind": "undetermined_viewpoint",
                            "source_id": r.viewpoint,
                            "title": r.title,
                            "reason": _vp_open_reason(
                                r.title.ja, r.title.en, ", ".join(r.missing) or "—"
                            ),
                            "location": r.location,
                        },
                    )
                )
    for e in escalations(findings):
        flags.append(
            _new_review_flag(
                {
                    "kind": "critical_rule",
                    "source_id": e.rule,
                    "title": e.title,
                    "reason": e.reason,
                    "location": e.location,
                },
            )
        )
    return flags
