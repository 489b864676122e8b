"""GitHub-flavoured Markdown for pull-request comments.

Summary first (overall risk, review flags, a score table per concern); the findings are folded in
``<details>`` so a long report does not bury the conversation. Vendor text is untrusted and goes
through :func:`escape` everywhere: it is rendered as literal text on a single line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from aiprocure.model.common import Lang
from aiprocure.model.findings import (
    DeterminationState,
    Finding,
    Report,
    RiskLevel,
    Status,
)
from aiprocure.render import conditions as acc
from aiprocure.render import verdicts
from aiprocure.render.i18n import t
from aiprocure.render.options import RenderOptions
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


def render(reports: Sequence[Report], lang: Lang, *, options: RenderOptions | None = None) -> str:
    """The comment. With ``options.max_chars`` (GitHub: 65,536 per comment) the document is cut
    to fit: whole reports while they fit, then one summary line per remaining declaration, then a
    note saying how many were cut and how to get the whole report."""
    parts = [f"# {escape(t('report_title', lang))}"]
    parts += [_report(r, lang) for r in reports]
    text = "\n\n".join(parts) + "\n"
    limit = options.max_chars if options else None
    if limit is None or len(text) <= limit:
        return text
    return _fit(parts, reports, lang, limit)


def _fit(parts: list[str], reports: Sequence[Report], lang: Lang, limit: int) -> str:
    note_room = 600  # the note and its separators
    kept = [parts[0]]
    size = len(parts[0])
    whole = 0
    for part in parts[1:]:
        if size + 2 + len(part) > limit - note_room:
            break
        kept.append(part)
        size += 2 + len(part)
        whole += 1
    cut = len(reports) - whole
    lines: list[str] = []
    for report in reports[whole:]:
        line = f"- {_summary_line(report, lang)}"
        if size + 1 + len(line) > limit - note_room:
            break
        lines.append(line)
        size += 1 + len(line)
    if lines:
        kept.append("\n".join(lines))
    kept.append("> " + escape(t("ci.cut", lang).format(count=cut, limit=limit)).replace("\\`", "`"))
    return "\n\n".join(kept) + "\n"


def _summary_line(report: Report, lang: Lang) -> str:
    state = report.determination.state
    return (
        f"{vendor(report.subject.declaration)}: "
        f"{RISK_ICON[report.risk_level]} {escape(verdicts.risk_line(report, lang))}; "
        f"{STATE_ICON[state]} {escape(verdicts.determination_line(report, lang))}"
    )


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
    # The two verdicts, each in words with its reason (docs/verdicts.md section 3).
    risk = report.risk_level
    level = f"{RISK_ICON[risk]} **{escape(verdicts.risk_word(report, lang))}**"
    level += f" ({escape(verdicts.risk_reason(report, lang))})"
    lines.append(f"| {escape(t('verdict.risk', lang))} | {level} |")
    if report.risk.escalations:  # escalations of the compliance verdict, under its line
        ids = ", ".join(dict.fromkeys(e.rule for e in report.risk.escalations))
        lines.append(f"| | ⚠️ {escape(t('escalations', lang))}: {escape(ids)} |")
    det = report.determination
    state = f"{STATE_ICON[det.state]} **{escape(verdicts.state_word(det, lang))}**"
    state += f" ({escape(verdicts.determination_reason(det, lang))})"
    if verdicts.warns_only(report):
        state += f" — {escape(t('determination_warn', lang))}"
    lines.append(f"| {escape(t('verdict.determination', lang))} | {state} |")
    if report.review_required:
        lines.append(f"| | ⚠️ **{escape(t('review_required', lang))}** |")

    if report.review_flags:
        lines += ["", f"### {escape(t('review_flags', lang))}", ""]
        for flag in report.review_flags:
            loc = flag.location
            lines.append(
                f"- **{escape(flag.title.get(lang))}**: {escape(flag.reason.get(lang))}"
                f" ({vendor(f'{loc.file}:{loc.line}:{loc.col}')})"
            )

    lines += _conditions(report, lang)
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
        concerns = {c.category: c.title.get(lang) for c in report.categories}
        for f in open_findings:
            lines += _finding(f, lang, concerns.get(f.category, f.category))
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


def _finding(f: Finding, lang: Lang, concern: str) -> list[str]:
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


def _conditions(report: Report, lang: Lang) -> list[str]:
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


def _footer(report: Report, lang: Lang) -> str:
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
