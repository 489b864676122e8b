"""GitHub-flavoured Markdown for pull-request comments.

Summary first (overall risk, review flags, a score table per concern); the findings are folded in
``<details>`` so a long report does not bury the conversation. Vendor text is untrusted and goes
through :func:`escape` everywhere: it is rendered as literal text on a single line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from aiprocure.model.common import Lang
from aiprocure.model.findings import Finding, Observed, Report, RiskLevel, Status
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
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape(text: str) -> str:
    """``text`` as literal, single-line Markdown: safe in a paragraph, a list item or a table cell.

    Line breaks become spaces, other control characters and invisible characters visible escapes
    (``safe.clean``), HTML-special characters entities; Markdown punctuation gets a backslash, and
    every ``@`` becomes a one-character code span so no text can mention users or teams in a
    pull-request comment. URLs stay linkable: use :func:`vendor` for text the vendor wrote.
    """
    text = clean(_NEWLINES.sub(" ", text))
    text = "".join(_ENTITIES.get(ch, ch) for ch in text)
    text = _PUNCT.sub(r"\\\1", text)
    return text.replace("@", "`@`")


def vendor(text: str) -> str:
    """Vendor text (names, file names, observed values, evidence): :func:`escape`, and bare URLs,
    ``www.`` names and e-mail addresses are not autolinked by GitHub (``safe.defuse``)."""
    return defuse(escape(text))


def render(reports: Sequence[Report], lang: Lang) -> str:
    parts = [f"# {escape(t('report_title', lang))}"]
    parts += [_report(r, lang) for r in reports]
    return "\n\n".join(parts) + "\n"


def _report(report: Report, lang: Lang) -> str:
    s = report.subject
    heading = " — ".join(vendor(x) for x in (s.vendor, s.system) if x) or vendor(s.declaration)
    lines = [f"## {heading}", ""]
    lines += [
        f"| {escape(t('summary', lang))} | |",
        "| --- | --- |",
        f"| {escape(t('declaration', lang))} | {vendor(s.declaration)} |",
    ]
    if s.corporate_number:
        lines.append(f"| {escape(t('corporate_number', lang))} | {vendor(s.corporate_number)} |")
    risk = report.risk_level
    level = f"{RISK_ICON[risk]} **{escape(t(f'risk.{risk}', lang))}**"
    lines.append(f"| {escape(t('risk_level', lang))} | {level} |")
    review = (
        f"⚠️ **{escape(t('review_required', lang))}**"
        if report.review_required
        else escape(t("review_not_required", lang))
    )
    lines.append(f"| {escape(t('review_flags', lang))} | {review} |")
    if report.high_risk is not None and report.high_risk.undetermined:
        lines.append(f"| {escape(t('high_risk', lang))} | {escape(t('undetermined', lang))} |")

    if report.review_flags:
        lines += ["", f"### {escape(t('review_flags', lang))}", ""]
        for flag in report.review_flags:
            loc = flag.location
            lines.append(
                f"- **{escape(flag.title.get(lang))}**: {escape(flag.reason.get(lang))}"
                f" ({vendor(f'{loc.file}:{loc.line}:{loc.col}')})"
            )

    lines += ["", f"### {escape(t('categories', lang))}", ""]
    header = [t("category", lang), t("score", lang), t("risk", lang)]
    header += [t(f"status.{st}", lang) for st in COUNTED]
    lines.append("| " + " | ".join(escape(h) for h in header) + " |")
    lines.append("| --- | ---: | --- |" + " ---: |" * len(COUNTED))
    for c in report.categories:
        cells = [
            escape(c.title.get(lang)),
            str(c.score),
            f"{RISK_ICON[c.risk]} {escape(t(f'risk.{c.risk}', lang))}",
        ]
        cells += [str(c.counts.get(st, 0)) for st in COUNTED]
        lines.append("| " + " | ".join(cells) + " |")

    open_findings = [f for f in report.findings if f.status is not Status.PASS]
    passed = [f for f in report.findings if f.status is Status.PASS]
    lines.append("")
    if open_findings:
        lines += [
            "<details>",
            f"<summary>{escape(t('findings', lang))} ({len(open_findings)})</summary>",
            "",
        ]
        for f in open_findings:
            lines += _finding(f, lang)
        lines += ["</details>", ""]
    else:
        lines += [escape(t("no_findings", lang)), ""]
    if passed:
        lines += [
            "<details>",
            f"<summary>{escape(t('passed_rules', lang))} ({len(passed)})</summary>",
            "",
        ]
        lines += [f"- {escape(f.rule_id)} {escape(f.title.get(lang))}" for f in passed]
        lines += ["", "</details>", ""]
    lines.append(_footer(report, lang))
    return "\n".join(lines)


def _finding(f: Finding, lang: Lang) -> list[str]:
    loc = f.location
    meta = " · ".join(
        [
            f"{escape(t('status', lang))}: **{escape(t(f'status.{f.status}', lang))}**",
            f"{escape(t('severity', lang))}: {escape(t(f'severity.{f.severity}', lang))}",
            f"{escape(t('category', lang))}: {escape(f.category)}",
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
        observed = vendor(_value(value, lang))
        lines.append(f"- {escape(t('observed', lang))}: {escape(field)} = {observed}")
    for e in f.evidence:
        lines.append(f"- {escape(t('evidence', lang))}: {vendor(e.label())}")
    lines.append(f"- {escape(t('remediation', lang))}: {escape(f.remediation.get(lang))}")
    if f.waiver is not None:
        w = f.waiver
        lines.append(
            f"- {escape(t('waived_by', lang))}: {escape(w.id)} — {vendor(w.justification)}"
            f" ({vendor(w.approver)}, {escape(w.approved_on)} – {escape(w.expires_on)})"
        )
    for ref in f.references:
        text = " ".join(p for p in (ref.source, ref.edition, ref.section, ref.title) if p)
        url = f" {escape(ref.url)}" if ref.url else ""
        lines.append(f"- {escape(t('references', lang))}: {escape(text)}{url}")
    lines.append("")
    return lines


def _value(value: Observed, lang: Lang) -> str:
    if value is None:
        return t("not_answered", lang)
    if isinstance(value, list):
        return ", ".join(_value(v, lang) for v in value) if value else "[]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _footer(report: Report, lang: Lang) -> str:
    versions = ", ".join(f"{c.id} {c.version}" for c in report.checklists)
    return (
        f"<sub>{escape(report.tool)} {escape(report.tool_version)} · "
        f"{escape(t('versions', lang))}: {escape(versions)} · "
        f"{escape(t('edition_note', lang))}</sub>"
    )
