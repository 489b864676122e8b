"""The terminal report's format-2.0 parts (docs/declaration-format.md sections 3 and 4): the
conditions of acceptance, the notes and the notices of a report (``section``), and a finding's
conditions and evidence (``finding_lines``). Hooked into ``render.terminal`` and
``render.terminal_parts``; lines are wrapped by ``render.terminal_text`` (never cut), and vendor
text goes through ``safe.clean``, never through rich's markup parser."""

from __future__ import annotations

from aiprocure.model.common import Lang
from aiprocure.model.findings import Finding, Report
from aiprocure.render import conditions as acc
from aiprocure.render.i18n import t
from aiprocure.render.safe import clean
from aiprocure.render.terminal_text import Page, Piece


def section(page: Page, report: Report, lang: Lang) -> None:
    """Conditions of acceptance (one entry each: position, fact and value, condition, rules),
    then the notes and the notices; nothing when the report has none."""
    file = clean(report.subject.declaration)
    if report.acceptance_conditions:
        page.add([(t("acc.conditions", lang), "bold magenta")])
        page.add([(t("acc.conditions_intro", lang), "dim")], indent=2)
        for c in report.acceptance_conditions:
            rules = acc.rules_text(c.rules, lang)
            page.add(
                [
                    (f"{file}:{c.line}:{c.col}  ", "dim"),
                    (clean(acc.condition_line(c, lang)), ""),
                    (f"  [{t('acc.rules', lang)}: {clean(rules)}]", "dim"),
                ],
                indent=2,
                hang=4,
            )
        page.blank()
    if report.fact_notes:
        page.add([(t("acc.notes", lang), "bold")])
        for n in report.fact_notes:
            page.add(
                [(f"{file}:{n.line}:{n.col}  ", "dim"), (clean(acc.note_line(n, lang)), "")],
                indent=2,
                hang=4,
            )
        page.blank()
    if report.notices:
        page.add([(t("acc.notices", lang), "bold yellow")])
        for x in report.notices:
            page.add(
                [
                    (f"! {clean(acc.notice_text(x, lang))}  ", ""),
                    (f"{file}:{x.line}:{x.col}", "dim"),
                ],
                indent=2,
                hang=4,
            )
        page.blank()


def finding_lines(f: Finding, lang: Lang) -> list[list[Piece]]:
    """A finding's own lines: its conditions of acceptance, its evidence (an `any` region is
    named in the observed value's line)."""
    lines: list[list[Piece]] = [
        [(f"{t('acc.condition', lang)}: {clean(acc.condition_line(c, lang))}", "magenta")]
        for c in f.conditions
    ]
    lines += [
        [(f"{t('evidence', lang)}: {clean(acc.evidence_line(e, lang))}", "dim")] for e in f.evidence
    ]
    return lines
