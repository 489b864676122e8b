"""`aiprocure rules` (table) and `aiprocure explain RULE-ID`: rule data as readable text."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from aiprocure.model.common import Lang
from aiprocure.model.conditions import Predicate, bound_of, walk
from aiprocure.model.ruleset import Ruleset
from aiprocure.render.condition import describe
from aiprocure.render.conditions import kinds_text
from aiprocure.render.i18n import t
from aiprocure.render.safe import clean


def rules_table(ruleset: Ruleset, lang: Lang, width: int = 120) -> str:
    buf = io.StringIO()
    console = Console(
        file=buf, width=width, color_system=None, no_color=True, highlight=False, emoji=False
    )
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("ID", no_wrap=True)
    table.add_column(t("severity", lang), no_wrap=True)
    table.add_column(t("rule.category", lang), no_wrap=True)
    table.add_column(t("rule.sheet", lang), no_wrap=True)
    table.add_column(t("rule", lang))
    for rule in sorted(ruleset.rules, key=lambda r: r.id):
        table.add_row(
            rule.id,
            t(f"severity.{rule.severity}", lang),
            rule.category,
            rule.sheet,
            Text(clean(rule.title.get(lang))),
        )
    console.print(table)
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))


def explain_text(ruleset: Ruleset, rule_id: str, lang: Lang) -> str | None:
    rule = ruleset.rule(rule_id) or ruleset.rule(rule_id.upper())
    out: list[str] = []
    if rule is not None:
        cat = ruleset.categories.get(rule.category)
        out.append(f"{rule.id}  {rule.title.get(lang)}")
        out.append("")
        out.append(f"{t('severity', lang)}: {t('severity.' + rule.severity.value, lang)}")
        out.append(
            f"{t('rule.category', lang)}: {cat.title.get(lang) if cat else rule.category} ({rule.category})"
        )
        out.append(f"{t('rule.sheet', lang)}: {rule.sheet}")
        out.append(f"{t('provenance', lang)}: {t('provenance.' + rule.provenance.value, lang)}")
        if rule.provenance_note:
            out.append(f"  {rule.provenance_note.get(lang)}")
        out.append("")
        out.append(f"{t('rule.rationale', lang)}: {rule.rationale.get(lang)}")
        out.append(f"{t('rule.checks', lang)}: {describe(rule.check, lang)}")
        if rule.applies_if is not None:
            out.append(f"{t('rule.applies_if', lang)}: {describe(rule.applies_if, lang)}")
        if rule.evidence_required:
            out.append(
                f"{t('rule.evidence_required', lang)}: {rule.evidence_section or '(section of the checked field)'}"
            )
            out.append(f"{t('acc.kinds', lang)}: {kinds_text(rule.evidence_kinds, lang)}")
        if rule.review_flag:
            out.append(t("rule.review_flag", lang))
        if rule.severity_by:
            out.append(f"{t('rule.severity_by', lang)}:")
            for row in rule.severity_by:
                sev = t("severity." + row.severity.value, lang)
                when = describe(row.when, lang)
                text = t(
                    "rule.severity_row", lang, severity=sev, reason=row.reason.get(lang), when=when
                )
                out.append(f"  - {text}")
            out.append(f"  {t('rule.severity_unknown', lang)}")
        if rule.checked_against:
            note = t("rule.not_rechecked", lang)
            out.append(f"{t('rule.checked_against', lang)}: {rule.checked_against} — {note}")
        bounds = (bound_of(c) for c, _ in walk(rule.check))
        named = {b.param for b in bounds if b and b.param in ruleset.parameters}
        named |= {
            str(c.predicate.args["param"])
            for c, _ in walk(rule.check)
            if isinstance(c, Predicate) and "param" in c.predicate.args
        }
        params = sorted(p for p in named if p in ruleset.parameters)
        for name in params:
            param = ruleset.parameters[name]
            value = ruleset.parameter_values[name]
            unit = f" {param.unit}" if param.unit else ""
            out.append(
                f"{t('rule.parameters', lang)}: ${name} = {value:g}{unit} — {param.description.get(lang)}"
            )
        out.append(f"{t('remediation', lang)}: {rule.remediation.get(lang)}")
        out.append(f"{t('references', lang)}:")
        for ref in rule.references:
            parts = [ref.source, ref.edition, ref.section, ref.title, ref.url]
            out.append("  - " + " · ".join(p for p in parts if p))
        return clean("\n".join(out)).replace("\\x0a", "\n") + "\n"
    sheet = ruleset.high_risk
    vp = (
        next((v for v in sheet.viewpoints if v.id in (rule_id, rule_id.upper())), None)
        if sheet
        else None
    )
    if vp is None:
        return None
    out.append(f"{vp.id}  {vp.title.get(lang)}")
    if vp.description:
        out.append(vp.description.get(lang))
    out.append(f"{t('rule.levels', lang)}:")
    for level in vp.levels:
        mark = "⚑" if level.high else "-"
        out.append(f"  {mark} {level.id}: {level.label.get(lang)} — {describe(level.when, lang)}")
    out.append(f"{t('references', lang)}:")
    for ref in vp.references:
        out.append("  - " + " · ".join(p for p in (ref.source, ref.edition, ref.section) if p))
    return "\n".join(out) + "\n"
