"""Markdown text: the escaping of every text a comment shows, the icons, and the parts of a
declaration's section that ``markdown`` lays out (a finding, the conditions of acceptance, the
footer)."""

from __future__ import annotations

import re
from functools import lru_cache

from aiprocure.model.common import Lang
from aiprocure.model.findings import (
    DeterminationState,
    Finding,
    Observed,
    Report,
    RiskLevel,
    Status,
)
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


@lru_cache(maxsize=8192)
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
    """A finding's lines (a line may hold several: the parts every finding of a rule shares are
    made once per run)."""
    loc = f.location
    status = f.status
    lines = [
        _head(status, f.rule_id, f.title.get(lang), f.severity.value, concern, lang),
        f"- {label('message', lang)}: {vendor(f.message.get(lang))}",
        f"- {label('location', lang)}: {vendor(f'{loc.file}:{loc.line}:{loc.col}')}"
        f" ({escape(loc.field)})",
    ]
    for field, value in f.observed.items():
        lines.append(_observed(f, field, value, lang))
    for c in f.conditions:
        lines.append(f"- {label('acc.condition', lang)}: {vendor(acc.condition_line(c, lang))}")
    for e in f.evidence:
        lines.append(f"- {label('evidence', lang)}: {vendor(acc.evidence_line(e, lang))}")
    if status is not Status.NOT_APPLICABLE:  # nothing to remedy
        lines.append(f"- {label('remediation', lang)}: {escape(f.remediation.get(lang))}")
    if f.waiver is not None:
        w = f.waiver
        lines.append(
            f"- {label('waived_by', lang)}: {escape(w.id)} — {vendor(w.justification)}"
            f" ({vendor(w.approver)}, {escape(w.approved_on)} – {escape(w.expires_on)})"
            + (f" \\[{label('waiver_scope', lang)}: {escape(w.scope)}\\]" if w.scope else "")
        )
    if f.references:
        refs = tuple((r.source, r.edition, r.section, r.title, r.url) for r in f.references)
        lines.append(_references(refs, lang))
    lines.append("")
    return lines


@lru_cache(maxsize=1024)
def label(key: str, lang: Lang) -> str:
    """A fixed phrase, escaped."""
    return escape(t(key, lang))


@lru_cache(maxsize=4096)
def _head(status: Status, rule_id: str, title: str, severity: str, concern: str, lang: Lang) -> str:
    meta = " · ".join(
        [
            f"{label('status', lang)}: **{label(f'status.{status}', lang)}**",
            f"{label('severity', lang)}: {label(f'severity.{severity}', lang)}",
            f"{label('category', lang)}: {escape(concern)}",
        ]
    )
    return f"#### {STATUS_ICON[status]} {escape(rule_id)} {escape(title)}\n\n- {meta}"


_Ref = tuple[str, str | None, str | None, str | None, str | None]


@lru_cache(maxsize=4096)
def _references(refs: tuple[_Ref, ...], lang: Lang) -> str:
    lines = []
    for source, edition, section, title, url in refs:
        text = " ".join(p for p in (source, edition, section, title) if p)
        link = f" {escape(url)}" if url else ""
        lines.append(f"- {label('references', lang)}: {escape(text)}{link}")
    return "\n".join(lines)


_OBSERVED: dict[tuple[object, ...], str] = {}


def _observed(f: Finding, field: str, value: Observed, lang: Lang) -> str:
    """An observed value's line; the same field and value recur in every report of a batch (the
    key holds each value's type: ``True == 1``, yet one is shown ``true``)."""
    if field in f.any_region:
        return _observed_line(f, field, value, lang)
    if isinstance(value, list):
        key: tuple[object, ...] = (field, lang, list, *((type(v), v) for v in value))
    else:
        key = (field, lang, type(value), value)
    line = _OBSERVED.get(key)
    if line is None:
        if len(_OBSERVED) >= 1 << 14:
            _OBSERVED.clear()
        line = _OBSERVED[key] = _observed_line(f, field, value, lang)
    return line


def _observed_line(f: Finding, field: str, value: Observed, lang: Lang) -> str:
    observed = vendor(acc.observed_text(f, field, value, lang))
    return f"- {label('observed', lang)}: {escape(field)} = {observed}"


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
