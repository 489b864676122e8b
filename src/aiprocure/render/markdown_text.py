"""Markdown text: the escaping of every text a comment shows, the icons, and the parts of a
declaration's section that ``markdown`` lays out (a finding, the conditions of acceptance, the
footer)."""

from __future__ import annotations

import re
from functools import lru_cache

from aiprocure.model.common import Lang
from aiprocure.model.findings import DeterminationState, Finding, Report, RiskLevel, Status
from aiprocure.render import conditions as acc
from aiprocure.render.i18n import t
from aiprocure.render.safe import clean, defuse

RISK_ICON: dict[RiskLevel, str] = {
    RiskLevel.LOW: "🟢",
    RiskLevel.MEDIUM: "🟡",
    RiskLevel.HIGH: "🟠",
    RiskLevel.CRITICAL: "🔴",
}
STATUS_ICON: dict[Status, str] = {
    Status.FAIL: "❌",
    Status.UNANSWERED: "❔",
    Status.UNVERIFIED: "⚠️",
    Status.WAIVED: "⏸️",
    Status.PASS: "✅",
    Status.NOT_APPLICABLE: "➖",
}
COUNTED = (Status.FAIL, Status.UNANSWERED, Status.UNVERIFIED, Status.WAIVED, Status.PASS)

_NEWLINES = re.compile(r"\r\n|[\r\n\u2028\u2029\x85]")
# Punctuation that means something inside a line to CommonMark or GFM (emphasis, code, links,
# images, table cells, strikethrough, math, a heading's closing #s) gets a backslash; `<`, `>` and
# `&` become entities so no HTML tag or entity survives. Line-start syntax cannot occur: the text
# is one line and always follows fixed text.
_PUNCT = re.compile(r"([\\`*_\[\]#!|~$])")


@lru_cache(maxsize=8192)  # rule titles, messages and names recur in every report of a batch
def escape(text: str) -> str:
    """``text`` as literal, single-line Markdown: safe in a paragraph, a list item or a table cell.

    Line breaks become spaces, other control characters and invisible characters visible escapes
    (``safe.clean``), HTML-special characters entities; Markdown punctuation gets a backslash, and
    every ``@`` becomes a one-character code span so no text can mention users or teams in a
    pull-request comment. URLs stay linkable: use :func:`vendor` for text the vendor wrote.
    """
    text = clean(_NEWLINES.sub(" ", text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _PUNCT.sub(r"\\\1", text)
    return text.replace("@", "`@`")


def vendor(text: str) -> str:
    """Vendor text (names, file names, observed values, evidence): :func:`escape`, and bare URLs,
    ``www.`` names and e-mail addresses are not autolinked by GitHub (``safe.defuse``)."""
    return defuse(escape(text))


STATE_ICON = {
    DeterminationState.RAISED: "🔴",
    DeterminationState.INCOMPLETE: "🟡",
    DeterminationState.NOT_RAISED: "🟢",
}


def finding(f: Finding, lang: Lang, concern: str) -> list[str]:
    loc = f.location
    meta = " · ".join(
        [
            f"{escape(t('status', lang))}: **{escape(t(f'status.{f.status}', lang))}**",
            f"{escape(t('severity', lang))}: {escape(t(f'severity.{f.severity}', lang))}",
            f"{escape(t('category', lang))}: {escape(concern)}",
        ]
    )
    lines = [
        f"#### {STATUS_ICON[f.status]} {escape(f.rule_id)} {escape(f.title.get(lang))}",
        "",
        f"- {meta}",
        f"- {escape(t('message', lang))}: {vendor(f.message.get(lang))}",
        f"- {escape(t('location', lang))}: {vendor(f'{loc.file}:{loc.line}:{loc.col}')}"
        f" ({escape(loc.field)})",
    ]
    for field, value in f.observed.items():
        observed = vendor(acc.observed_text(f, field, value, lang))
        lines.append(f"- {escape(t('observed', lang))}: {escape(field)} = {observed}")
    for c in f.conditions:
        lines.append(f"- {escape(t('acc.condition', lang))}: {vendor(acc.condition_line(c, lang))}")
    for e in f.evidence:
        lines.append(f"- {escape(t('evidence', lang))}: {vendor(acc.evidence_line(e, lang))}")
    if f.status is not Status.NOT_APPLICABLE:  # nothing to remedy
        lines.append(f"- {escape(t('remediation', lang))}: {escape(f.remediation.get(lang))}")
    if f.waiver is not None:
        w = f.waiver
        lines.append(
            f"- {escape(t('waived_by', lang))}: {escape(w.id)} — {vendor(w.justification)}"
            f" ({vendor(w.approver)}, {escape(w.approved_on)} – {escape(w.expires_on)})"
            + (f" \\[{escape(t('waiver_scope', lang))}: {escape(w.scope)}\\]" if w.scope else "")
        )
    for ref in f.references:
        text = " ".join(p for p in (ref.source, ref.edition, ref.section, ref.title) if p)
        url = f" {escape(ref.url)}" if ref.url else ""
        lines.append(f"- {escape(t('references', lang))}: {escape(text)}{url}")
    lines.append("")
    return lines


def conditions(report: Report, lang: Lang) -> list[str]:
    """Conditions of acceptance (a table for the contract), notes and notices."""
    lines: list[str] = []
    if report.acceptance_conditions:
        lines += ["", f"### {escape(t('acc.conditions', lang))}", ""]
        lines += [escape(t("acc.conditions_intro", lang)), ""]
        head = ["acc.fact", "acc.value", "acc.kind", "acc.detail", "acc.rules", "acc.position"]
        lines.append("| " + " | ".join(escape(t(h, lang)) for h in head) + " |")
        lines.append("| --- | --- | --- | --- | --- | --- |")
        for c in report.acceptance_conditions:
            cells = [
                vendor(c.path),
                vendor(acc.value_text(c.value, lang)),
                escape(acc.when_word(c.kind, lang)),
                vendor(c.detail or ""),
                escape(acc.rules_text(c.rules, lang)),
                f"{c.line}:{c.col}",
            ]
            lines.append("| " + " | ".join(cells) + " |")
    if report.fact_notes:
        lines += ["", f"### {escape(t('acc.notes', lang))}", ""]
        lines += [f"- {vendor(acc.note_line(n, lang))}" for n in report.fact_notes]
    if report.notices:
        lines += ["", f"### {escape(t('acc.notices', lang))}", ""]
        lines += [
            f"- {vendor(acc.notice_text(n, lang))} ({n.line}:{n.col})" for n in report.notices
        ]
    return lines


def footer(report: Report, lang: Lang) -> str:
    versions = ", ".join(f"{c.id} {c.version}" for c in report.checklists)
    disabled = "".join(
        f"<br>{escape(t('disabled_rules', lang))}: {escape(d.rule_id)} — {vendor(d.reason)}"
        f" ({vendor(d.source)})"
        for d in report.disabled_rules
    )
    return (
        f"<sub>{escape(report.tool)} {escape(report.tool_version)} · "
        f"{escape(t('versions', lang))}: {escape(versions)} · "
        f"{escape(t('edition_note', lang))}{disabled}</sub>"
    )
