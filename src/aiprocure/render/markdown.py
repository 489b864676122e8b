"""GitHub-flavoured Markdown for pull-request comments.

Summary first (overall risk, review flags, a score table per concern); the findings are folded in
``<details>`` so a long report does not bury the conversation. Vendor text is untrusted and goes
through :func:`escape` everywhere: it is rendered as literal text on a single line.
"""

from __future__ import annotations

from collections.abc import Sequence

from aiprocure.model.common import Lang
from aiprocure.model.findings import Report, Status
from aiprocure.render import verdicts
from aiprocure.render.i18n import t
from aiprocure.render.markdown_text import (
    COUNTED,
    RISK_ICON,
    STATE_ICON,
    STATUS_ICON,
    conditions,
    escape,
    finding,
    footer,
    vendor,
)
from aiprocure.render.options import RenderOptions

__all__ = [
    "COUNTED",
    "RISK_ICON",
    "STATE_ICON",
    "STATUS_ICON",
    "Comment",
    "escape",
    "render",
    "vendor",
]


def render(reports: Sequence[Report], lang: Lang, *, options: RenderOptions | None = None) -> str:
    """The comment. With ``options.max_chars`` (GitHub: 65,536 per comment) the document is cut
    to fit: whole reports while they fit, then one summary line per remaining declaration, then a
    note saying how many were cut and how to get the whole report."""
    comment = Comment(lang, options.max_chars if options else None)
    for report in reports:
        comment.add(report)
    return comment.finish()


_NOTE_ROOM = 600  # the cut note and its separators


class Comment:
    """The comment, report by report, holding no more than its limit. Without a limit each
    report's section can be taken (``take``) as it is added. With one, sections are kept while
    the whole document fits; once it does not, only the sections that fit before the note stay,
    and each later declaration costs a summary line while those fit, then only a count (its
    section is never rendered)."""

    def __init__(self, lang: Lang, limit: int | None) -> None:
        self.lang, self.limit = lang, limit
        self.head = f"# {escape(t('report_title', lang))}"
        self.count = 0
        self._parts = [self.head]  # kept sections, the head first
        self._size = len(self.head)  # of "\n\n".join(self._parts)
        self._held: list[Report] = []  # the reports of the kept sections (a limit only)
        self._cut: list[str] | None = None  # summary lines, once the document is over its limit
        self._lines_size = 0
        self._lines_full = False
        self._taken = 0

    def add(self, report: Report) -> None:
        self.count += 1
        if self._cut is not None:
            self._summary(report)
            return
        part = _report(report, self.lang)
        self._parts.append(part)
        self._size += 2 + len(part)
        if self.limit is not None:
            self._held.append(report)
            if self._size + 1 > self.limit:
                self._overflow()

    def take(self) -> str:
        """What was added since the last call, ready to write (without a limit only)."""
        if self.limit is not None or not self._parts:
            return ""
        text = "".join(f"\n\n{p}" for p in self._parts) if self._taken else "\n\n".join(self._parts)
        self._taken += len(self._parts)
        self._parts = []
        return text

    def finish(self) -> str:
        """The rest of the document (all of it, if nothing was taken)."""
        if self.limit is None:
            return self.take() + "\n"
        if self._cut is None and self._size + 1 > self.limit:
            self._overflow()
        if self._cut is None:
            return "\n\n".join(self._parts) + "\n"
        kept = list(self._parts)
        if self._cut:
            kept.append("\n".join(self._cut))
        cut = self.count - (len(self._parts) - 1)
        note = escape(t("ci.cut", self.lang).format(count=cut, limit=self.limit))
        kept.append("> " + note.replace("\\`", "`"))
        return "\n\n".join(kept) + "\n"

    def _overflow(self) -> None:
        assert self.limit is not None
        room = self.limit - _NOTE_ROOM
        size = len(self.head)
        whole = 0
        for part in self._parts[1:]:
            if size + 2 + len(part) > room:
                break
            size += 2 + len(part)
            whole += 1
        held = self._held[whole:]
        self._parts = self._parts[: whole + 1]
        self._held = []
        self._cut = []
        self._lines_size = size
        for report in held:
            self._summary(report)

    def _summary(self, report: Report) -> None:
        assert self._cut is not None
        assert self.limit is not None
        if self._lines_full:
            return
        line = f"- {_summary_line(report, self.lang)}"
        if self._lines_size + 1 + len(line) > self.limit - _NOTE_ROOM:
            self._lines_full = True
            return
        self._cut.append(line)
        self._lines_size += 1 + len(line)


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

    lines += conditions(report, lang)
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
            lines += finding(f, lang, concerns.get(f.category, f.category))
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
    lines.append(footer(report, lang))
    return "\n".join(lines)
