"""The terminal report's findings and footer: one block per finding, the summary line, the
disabled rules and the waiver notices (used by ``render.terminal``). Vendor text goes in rich
``Text`` objects after ``safe.clean``, never through rich's markup parser."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from aiprocure.model.common import Lang
from aiprocure.model.findings import Finding, Observed, Report, Status
from aiprocure.render import terminal_conditions
from aiprocure.render.i18n import t
from aiprocure.render.safe import clean

STATUS_STYLE = {
    Status.PASS: "green",
    Status.FAIL: "bold red",
    Status.UNANSWERED: "yellow",
    Status.UNVERIFIED: "magenta",
    Status.NOT_APPLICABLE: "dim",
    Status.WAIVED: "cyan",
}


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
    for line in terminal_conditions.finding_lines(f, lang):  # `any`, conditions, evidence
        body.add_row("  ", line)
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
