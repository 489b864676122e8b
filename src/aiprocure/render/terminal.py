"""Terminal report with rich. Vendor text never reaches rich's markup parser: it goes in ``Text``
objects, after ``safe.clean`` has made control characters visible."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.rule import Rule as HRule
from rich.table import Table
from rich.text import Text

from aiprocure.model.common import Lang
from aiprocure.model.findings import DeterminationState as State
from aiprocure.model.findings import Report, RiskLevel, Status
from aiprocure.render import terminal_conditions, verdicts
from aiprocure.render.i18n import t
from aiprocure.render.safe import clean
from aiprocure.render.terminal_parts import (
    _disabled,
    _finding,
    _notices,
    _summary,
    _txt,
)

RISK_STYLE = {
    RiskLevel.LOW: "green",
    RiskLevel.MEDIUM: "yellow",
    RiskLevel.HIGH: "bold red",
    RiskLevel.CRITICAL: "bold white on red",
}
SHOWN = (Status.FAIL, Status.UNVERIFIED, Status.UNANSWERED, Status.WAIVED)


def _bar(score: int, width: int = 20) -> Text:
    filled = round(score * width / 100)
    return Text(
        "█" * filled + "░" * (width - filled),
        style="green" if score >= 80 else "yellow" if score >= 50 else "red",
    )


_STATE_STYLE = {
    State.RAISED: "bold red",
    State.INCOMPLETE: "bold yellow",
    State.NOT_RAISED: "green",
}


def _header(r: Report, lang: Lang) -> RenderableType:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    vendor = _txt(r.subject.vendor)
    if r.subject.corporate_number:
        vendor.append(
            f"  ({t('corporate_number', lang)} {clean(r.subject.corporate_number)})", style="dim"
        )
    grid.add_row(t("vendor", lang), vendor)
    grid.add_row(t("system", lang), _txt(r.subject.system))
    grid.add_row(t("declaration", lang), _txt(r.subject.declaration))
    # The two verdicts, each with its reason (docs/verdicts.md section 3).
    risk = Text(verdicts.risk_word(r, lang).upper(), style=RISK_STYLE[r.risk_level])
    risk.append(f"  ({clean(verdicts.risk_reason(r, lang))})", style="dim")
    grid.add_row(t("verdict.risk", lang), risk)
    if r.risk.escalations:  # escalations of the compliance verdict, under its line
        ids = ", ".join(dict.fromkeys(e.rule for e in r.risk.escalations))
        grid.add_row("", Text(f"⚑ {t('escalations', lang)}: {ids}", style="bold red"))
    det = r.determination
    state = Text(verdicts.state_word(det, lang).upper(), style=_STATE_STYLE[det.state])
    state.append(f"  ({clean(verdicts.determination_reason(det, lang))})", style="dim")
    grid.add_row(t("verdict.determination", lang), state)
    if verdicts.warns_only(r):
        grid.add_row("", Text(t("determination_warn", lang), style="yellow"))
    if r.review_required:
        grid.add_row("", Text("⚑ " + t("review_required", lang), style="bold red"))
    if r.generated_at:
        grid.add_row(t("generated_at", lang), _txt(r.generated_at))
    return grid


def _flags(r: Report, lang: Lang) -> list[RenderableType]:
    if not r.review_flags:
        return []
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for flag in r.review_flags:
        reason = Text(clean(flag.reason.get(lang)))
        reason.append(
            f"  {clean(flag.location.file)}:{flag.location.line}:{flag.location.col}", style="dim"
        )
        table.add_row(Text(f"  ⚑ {flag.source_id}", style="bold red"), reason)
    return [Text(t("review_flags", lang), style="bold red"), table]


def _high_risk(r: Report, lang: Lang) -> list[RenderableType]:
    hr = r.high_risk
    if hr is None:
        return []
    rule = (
        t("aggregation_any", lang)
        if hr.mode == "any"
        else t("aggregation_at_least", lang, count=hr.count)
    )
    if hr.provenance == "tool":
        rule += f" ({t('tool_default', lang)})"
    title = Text(clean(hr.title.get(lang)), style="bold")
    title.append(f"  — {rule}", style="dim")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(t("viewpoint", lang), no_wrap=True)
    table.add_column(t("level", lang))
    table.add_column("", no_wrap=True)
    for v in hr.viewpoints:
        mark = (
            Text("⚑ " + t("high_side", lang), style="bold red")
            if v.high
            else Text("—", style="green")
            if v.high is False
            else Text("?", style="yellow")
        )
        label = (
            _txt(v.label.get(lang))
            if v.label
            else Text(t("status.unanswered", lang), style="yellow")
        )
        table.add_row(Text(f"{v.id} {clean(v.title.get(lang))}"), label, mark)
    out: list[RenderableType] = [title, table]
    if hr.undetermined:
        out.append(Text("? " + t("undetermined", lang), style="yellow"))
    return out


def _categories(r: Report, lang: Lang) -> RenderableType:
    table = Table(
        title=t("categories", lang),
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    table.add_column(t("category", lang))
    table.add_column(t("score", lang), justify="right")
    table.add_column("", no_wrap=True)
    table.add_column(t("risk", lang), no_wrap=True)
    table.add_column(t("status", lang))
    for c in r.categories:
        counts = "  ".join(
            f"{t('status.' + s.value, lang)} {n}"
            for s, n in c.counts.items()
            if n and s is not Status.PASS
        )
        table.add_row(
            Text(clean(c.title.get(lang))),
            str(c.score),
            _bar(c.score),
            Text(t(f"risk.{c.risk}", lang), style=RISK_STYLE[c.risk]),
            Text(counts or "✓", style="dim" if counts else "green"),
        )
    return table


def build(report: Report, lang: Lang, *, show_waived: bool = True) -> RenderableType:
    parts: list[RenderableType] = [
        HRule(t("report_title", lang), style="bold"),
        _header(report, lang),
        Text(""),
    ]
    flags = _flags(report, lang)
    if flags:
        parts += [*flags, Text("")]
    hr = _high_risk(report, lang)
    if hr:
        parts += [*hr, Text("")]
    parts += [_categories(report, lang), Text("")]
    parts += _notices(report, lang)
    parts += terminal_conditions.section(report, lang)  # conditions of acceptance, notices
    shown = [
        f
        for f in report.findings
        if f.status in SHOWN and (show_waived or f.status is not Status.WAIVED)
    ]
    parts.append(Text(t("findings", lang), style="bold"))
    if not shown:
        parts.append(Text("  " + t("no_findings", lang), style="green"))
    for f in shown:
        parts.append(_finding(f, lang))
    hidden = 0 if show_waived else report.count(Status.WAIVED)
    if hidden:
        parts.append(Text("  " + t("waived_hidden", lang, count=hidden), style="cyan"))
    parts += [Text(""), _summary(report, lang), *_disabled(report, lang)]
    parts.append(Text(t("edition_note", lang), style="dim"))
    return Group(*parts)


def render(
    reports: Sequence[Report],
    lang: Lang,
    *,
    width: int = 100,
    color: bool = False,
    show_waived: bool = True,
) -> str:
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        emoji=False,
        highlight=False,
        legacy_windows=False,
    )
    for i, report in enumerate(reports):
        if i:
            console.print()
        console.print(build(report, lang, show_waived=show_waived))
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))
