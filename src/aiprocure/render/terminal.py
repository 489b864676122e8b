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
from aiprocure.model.findings import Finding, Observed, Report, RiskLevel, Status
from aiprocure.render import verdicts
from aiprocure.render.i18n import t
from aiprocure.render.safe import clean

RISK_STYLE = {
    RiskLevel.LOW: "green",
    RiskLevel.MEDIUM: "yellow",
    RiskLevel.HIGH: "bold red",
    RiskLevel.CRITICAL: "bold white on red",
}
STATUS_STYLE = {
    Status.PASS: "green",
    Status.FAIL: "bold red",
    Status.UNANSWERED: "yellow",
    Status.UNVERIFIED: "magenta",
    Status.NOT_APPLICABLE: "dim",
    Status.WAIVED: "cyan",
}
SHOWN = (Status.FAIL, Status.UNVERIFIED, Status.UNANSWERED, Status.WAIVED)


def _txt(value: str | None, style: str = "") -> Text:
    return Text(clean(value or "—"), style=style)


def _value(v: Observed) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


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


def _finding(f: Finding, lang: Lang) -> RenderableType:
    head = Text()
    head.append(f"[{t('status.' + f.status.value, lang)}]", style=STATUS_STYLE[f.status])
    head.append(f" [{t('severity.' + f.severity.value, lang)}] ", style="bold")
    head.append(f.rule_id, style="bold")
    head.append("  ")
    head.append(clean(f.title.get(lang)))
    body = Table.grid(padding=(0, 1))
    body.add_column(no_wrap=True, style="dim")
    body.add_column()
    body.add_row("  ", _txt(f.message.get(lang)))
    for field, value in f.observed.items():
        body.add_row("  ", Text(f"{clean(field)} = {clean(_value(value))}", style="dim"))
    for e in f.evidence:
        body.add_row("  ", Text(f"{t('evidence', lang)}: {clean(e.label())}", style="dim"))
    if f.status is not Status.WAIVED:
        body.add_row("  ", Text("→ ", style="bold").append(clean(f.remediation.get(lang))))
    if f.waiver is not None:
        w = f.waiver
        body.add_row(
            "  ",
            _txt(
                f"{t('waived_by', lang)}: {w.id} — {w.justification} ({w.approver}, {w.approved_on} – {w.expires_on})"
                + (f" [{t('waiver_scope', lang)}: {w.scope}]" if w.scope else ""),
                "cyan",
            ),
        )
    refs = "; ".join(
        " ".join(x for x in (r.source, r.edition, r.section) if x) for r in f.references
    )
    body.add_row(
        "  ",
        Text(
            f"{t('references', lang)}: {clean(refs)} · {t('provenance.' + f.provenance.value, lang)}",
            style="dim",
        ),
    )
    body.add_row(
        "  ", Text(f"{clean(f.location.file)}:{f.location.line}:{f.location.col}", style="dim")
    )
    return Group(head, body)


def _summary(r: Report, lang: Lang) -> Text:
    parts = [f"{t('status.' + s.value, lang)} {r.count(s)}" for s in Status if r.count(s)]
    return Text(f"{t('summary', lang)}: " + " · ".join(parts), style="bold")


def _disabled(r: Report, lang: Lang) -> list[RenderableType]:
    """One footer line per rule the configuration disabled (with its reason and where)."""
    return [
        Text(
            f"{t('disabled_rules', lang)}: {clean(d.rule_id)} — {clean(d.reason)} ({clean(d.source)})"
        )
        for d in r.disabled_rules
    ]


def _notices(r: Report, lang: Lang) -> list[RenderableType]:
    if not r.waiver_notices:
        return []
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for n in r.waiver_notices:
        text = Text(f"{clean(n.rule_id)}: {t('notice.' + n.kind, lang)}")
        if n.other:
            text.append(f" ({clean(', '.join(n.other))})")
        text.append(
            f"  {t('expires_on', lang)} {clean(n.expires_on)}  {clean(n.source)}", style="dim"
        )
        table.add_row(Text(f"  ! {clean(n.waiver_id)}", style="yellow"), text)
    return [Text(t("waiver_notices", lang), style="bold yellow"), table, Text("")]


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
