"""The two verdicts every headline shows (docs/verdicts.md section 3): the vendor's compliance
risk with the rules that set it, and the use case's high-risk determination with its viewpoints.
Plain text (raw vendor-free: rule ids, viewpoint ids and titles from the checklists, field paths);
each format escapes it as it escapes everything else."""

from __future__ import annotations

from aiprocure.model.common import Lang
from aiprocure.model.findings import Determination, DeterminationState, Report
from aiprocure.render.i18n import t

RULES_SHOWN = 5  # rule ids named in a headline before "and N more"


def risk_word(report: Report, lang: Lang) -> str:
    return t(f"risk.{report.risk.level.value}", lang)


def risk_reason(report: Report, lang: Lang, *, limit: int | None = RULES_SHOWN) -> str:
    """The rules that set the risk level (``DS920-FA-001, DS920-SEC-001 and 2 more``)."""
    ids = list(dict.fromkeys(r.rule for r in report.risk.reasons))
    if not ids:
        return t("verdict.no_open", lang)
    shown = ids if limit is None else ids[:limit]
    text = ", ".join(shown)
    if len(ids) > len(shown):
        text += " " + t("verdict.more", lang, count=len(ids) - len(shown))
    return text


def state_word(det: Determination, lang: Lang) -> str:
    return t(f"determination.{det.state.value}", lang)


def determination_reason(det: Determination, lang: Lang) -> str:
    """The viewpoints behind the state: raised ones by title, undetermined ones with the keys
    they miss (a raised determination still names its undetermined viewpoints)."""
    if det.aggregation is None:
        return t("verdict.no_sheet", lang)
    parts = [r.title.get(lang) for r in det.reasons if r.state == "raised"]
    for r in det.reasons:
        if r.state == "undetermined":
            missing = ", ".join(r.missing) or "—"
            parts.append(f"{r.title.get(lang)}: {t('verdict.missing', lang, fields=missing)}")
    if not parts:
        return t("verdict.all_answered", lang)
    return "; ".join(parts)


def risk_line(report: Report, lang: Lang) -> str:
    """``Vendor compliance risk: HIGH (DS920-FA-001)``."""
    return f"{t('verdict.risk', lang)}: {risk_word(report, lang).upper()} ({risk_reason(report, lang)})"


def determination_line(report: Report, lang: Lang) -> str:
    """``High-risk determination: INCOMPLETE (Nature of the task: not declared: …)``."""
    det = report.determination
    word = state_word(det, lang).upper()
    return f"{t('verdict.determination', lang)}: {word} ({determination_reason(det, lang)})"


def warns_only(report: Report) -> bool:
    """An incomplete determination the run's setting lets pass (``warn``)."""
    det = report.determination
    return det.state is DeterminationState.INCOMPLETE and not det.blocks_gate


def viewpoint_message(report: Report, viewpoint: str, lang: Lang) -> str:
    """One raised or undetermined viewpoint, for one result/annotation/testcase per viewpoint."""
    for r in report.determination.reasons:
        if r.viewpoint == viewpoint:
            state = t(f"determination.{r.state}", lang)
            text = f"{t('verdict.determination', lang)} {r.viewpoint} {r.title.get(lang)}: {state}"
            if r.state == "raised" and r.label is not None:
                text += f" ({r.label.get(lang)})"
            elif r.state == "undetermined":
                text += f" ({t('verdict.missing', lang, fields=', '.join(r.missing) or '—')})"
            return text
    return viewpoint
