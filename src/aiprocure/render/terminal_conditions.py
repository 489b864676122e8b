"""The terminal report's format-2.0 parts (docs/declaration-format.md sections 3 and 4): the
conditions of acceptance, the notes and the notices of a report (``section``), and a finding's
conditions and evidence (``finding_lines``). Hooked into ``render.terminal`` and
``render.terminal_parts``; vendor text goes in rich ``Text`` after ``safe.clean``, never through
rich's markup parser."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from aiprocure.model.common import Lang
from aiprocure.model.findings import Finding, Report
from aiprocure.render import conditions as acc
from aiprocure.render.i18n import t
from aiprocure.render.safe import clean


def section(report: Report, lang: Lang) -> list[RenderableType]:
    """Conditions of acceptance (one row each: position, fact and value, condition, rules), then
    the notes and the notices; nothing when the report has none."""
    out: list[RenderableType] = []
    file = report.subject.declaration
    if report.acceptance_conditions:
        out.append(Text(t("acc.conditions", lang), style="bold magenta"))
        out.append(Text("  " + t("acc.conditions_intro", lang), style="dim"))
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True, style="dim")
        table.add_column(overflow="fold")
        for c in report.acceptance_conditions:
            text = Text(clean(acc.condition_line(c, lang)))
            rules = acc.rules_text(c.rules, lang)
            text.append(f"  [{t('acc.rules', lang)}: {clean(rules)}]", style="dim")
            table.add_row(Text(f"  {clean(file)}:{c.line}:{c.col}"), text)
        out += [table, Text("")]
    if report.fact_notes:
        out.append(Text(t("acc.notes", lang), style="bold"))
        out += [
            Text(f"  {clean(file)}:{n.line}:{n.col}  {clean(acc.note_line(n, lang))}")
            for n in report.fact_notes
        ]
        out.append(Text(""))
    if report.notices:
        out.append(Text(t("acc.notices", lang), style="bold yellow"))
        out += [
            Text(f"  ! {clean(acc.notice_text(n, lang))}  {clean(file)}:{n.line}:{n.col}")
            for n in report.notices
        ]
        out.append(Text(""))
    return out


def finding_lines(f: Finding, lang: Lang) -> list[Text]:
    """A finding's own lines: `any` region, its conditions of acceptance, its evidence."""
    lines = [
        Text(f"{clean(key)} = {t('acc.any_region', lang)}", style="dim") for key in f.any_region
    ]
    lines += [
        Text(f"{t('acc.condition', lang)}: {clean(acc.condition_line(c, lang))}", style="magenta")
        for c in f.conditions
    ]
    lines += [
        Text(f"{t('evidence', lang)}: {clean(acc.evidence_line(e, lang))}", style="dim")
        for e in f.evidence
    ]
    return lines
