"""The catalogue as a whole: checklists, basis legend, counts, rules by category, parameters,
lists, the high-risk sheet and jurisdictions (one rule's section is in ``rule``)."""

from __future__ import annotations

from aiprocure.model.checklist import Jurisdiction, Rule
from aiprocure.model.common import Lang, Text
from aiprocure.model.ruleset import Ruleset
from aiprocure.render.catalogue.rule import cell, fmt_number, label, reference, rule_section, tx
from aiprocure.render.condition import describe
from aiprocure.render.i18n import t
from aiprocure.render.markdown import escape

_SHEETS = ("procurement", "contract", "high_risk", "custom")


def _jurisdiction_order(j: Jurisdiction) -> tuple[bool, str]:
    return (not j.compels, j.country)


def catalogue_markdown(ruleset: Ruleset, lang: Lang) -> str:
    """The rule catalogue of ``ruleset`` as Markdown in ``lang``. Pure and deterministic."""
    out = [f"# {label('title', lang)}", "", f"_{label('generated', lang)}_", ""]

    # checklists
    out += [f"## {label('checklists', lang)}", ""]
    out += [
        f"| {label('id', lang)} | {label('version', lang)} | {label('pack_title', lang)}"
        f" | {label('guideline', lang)} |",
        "|---|---|---|---|",
    ]
    for cl, _src in ruleset.checklists:
        m = cl.checklist
        out.append(
            f"| `{m.id}` | {escape(m.version)} | {tx(m.title, lang)} | {cell(escape(m.guideline or ''))} |"
        )
    out += ["", label("edition_note", lang), ""]

    # basis legend
    out += [f"## {label('basis', lang)}", "", label("basis_intro", lang), ""]
    out += [f"- `{p}`: {label(f'basis.{p}', lang)}" for p in ("guideline", "official", "tool")]
    out.append("")

    # counts
    cats = list(ruleset.categories)
    cats += sorted({r.category for r in ruleset.rules} - set(cats))
    sheets = [s for s in _SHEETS if any(r.sheet == s for r in ruleset.rules)]
    bases = ("guideline", "official", "tool")
    out += [f"## {label('summary', lang)}", ""]
    header = [t("rule.category", lang), *(label(f"sheet.{s}", lang) for s in sheets)]
    header += [f"`{b}`" for b in bases] + [label("total", lang)]
    out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]

    def row(heading: str, rules: list[Rule]) -> str:
        cells = [heading]
        cells += [str(sum(1 for r in rules if r.sheet == s)) for s in sheets]
        cells += [str(sum(1 for r in rules if r.provenance == b)) for b in bases]
        cells.append(str(len(rules)))
        return "| " + " | ".join(cells) + " |"

    for cat in cats:
        members = [r for r in ruleset.rules if r.category == cat]
        if members:
            title = (
                ruleset.categories[cat].title if cat in ruleset.categories else Text(ja=cat, en=cat)
            )
            out.append(row(tx(title, lang), members))
    out.append(row(f"**{label('total', lang)}**", list(ruleset.rules)))
    out.append("")

    # rules by category
    out += [f"## {label('rules', lang)}", ""]
    for cat in cats:
        members = sorted(
            (r for r in ruleset.rules if r.category == cat),
            key=lambda r: (_SHEETS.index(r.sheet), r.id),
        )
        if not members:
            continue
        category = ruleset.categories.get(cat)
        title = category.title if category else Text(ja=cat, en=cat)
        out += [f"### {tx(title, lang)} (`{cat}`)", ""]
        if category is not None and category.description is not None:
            out += [tx(category.description, lang), ""]
        out += [
            f"| ID | {t('rule', lang)} | {t('severity', lang)} | {t('rule.sheet', lang)} | {label('basis', lang)} |",
            "|---|---|---|---|---|",
        ]
        for r in members:
            out.append(
                f"| [{r.id}](#{r.id.lower()}) | {tx(r.title, lang)} | {t(f'severity.{r.severity}', lang)}"
                f" | {label(f'sheet.{r.sheet}', lang)} | `{r.provenance}` |"
            )
        out.append("")
        for r in members:
            out += rule_section(r, ruleset, lang)

    # parameters
    if ruleset.parameters:
        out += [f"## {t('rule.parameters', lang)}", "", label("parameters_intro", lang), ""]
        out += [
            f"| {label('name', lang)} | {label('default', lang)} | {label('unit', lang)} | {label('basis', lang)} | {label('description', lang)} |",
            "|---|---|---|---|---|",
        ]
        for name in sorted(ruleset.parameters):
            p = ruleset.parameters[name]
            out.append(
                f"| `{name}` | {fmt_number(ruleset.parameter_values[name])} | {cell(escape(p.unit or ''))}"
                f" | `{p.provenance}` | {tx(p.description, lang)} |"
            )
        out.append("")

    # named lists
    if ruleset.lists:
        out += [f"## {label('lists', lang)}", ""]
        out += [f"| {label('name', lang)} | {label('values', lang)} |", "|---|---|"]
        for name in sorted(ruleset.lists):
            values = ", ".join(escape(str(v)) for v in sorted(ruleset.lists[name], key=str))
            out.append(f"| `@{name}` | {cell(values)} |")
        out.append("")

    # high-risk sheet
    sheet = ruleset.high_risk
    if sheet is not None:
        agg = sheet.aggregation
        mode = (
            t("aggregation_any", lang)
            if agg.mode == "any"
            else t("aggregation_at_least", lang, count=agg.count)
        )
        out += [f"## {label('high_risk', lang)}: {tx(sheet.title, lang)}", ""]
        out.append(f"- **{label('aggregation', lang)}**: {escape(mode)} (`{agg.mode}`)")
        out.append(
            f"- **{label('basis', lang)}**: `{agg.provenance}` ({t(f'provenance.{agg.provenance}', lang)})"
        )
        if agg.note is not None:
            out.append(f"- **{label('basis_note', lang)}**: {tx(agg.note, lang)}")
        out.append("")
        for vp in sheet.viewpoints:
            out += [f'<a id="{vp.id.lower()}"></a>', "", f"### {vp.id} — {tx(vp.title, lang)}", ""]
            if vp.description is not None:
                out += [tx(vp.description, lang), ""]
            out += [
                f"| {label('level', lang)} | {label('label', lang)} | {label('high', lang)} | {label('when', lang)} |",
                "|---|---|---|---|",
            ]
            for lv in vp.levels:
                when = describe(lv.when, lang).replace("|", "\\|")
                high = label("yes", lang) if lv.high else label("no", lang)
                out.append(f"| `{lv.id}` | {tx(lv.label, lang)} | {high} | {when} |")
            out += ["", f"**{label('references', lang)}**:", ""]
            out += [f"- {reference(ref)}" for ref in vp.references]
            out.append("")

    # jurisdictions
    if ruleset.jurisdictions:
        out += [f"## {label('jurisdictions', lang)}", "", label("jurisdictions_intro", lang), ""]
        out += [
            f"| {label('country', lang)} | {label('compelled', lang)} | {label('laws', lang)} |",
            "|---|---|---|",
        ]
        for j in sorted(ruleset.jurisdictions.values(), key=_jurisdiction_order):
            laws = "<br>".join(
                tx(law.name, lang)
                + (f" ({law.year})" if law.year else "")
                + (f": {tx(law.note, lang)}" if law.note else "")
                for law in j.laws
            )
            yes_no = label("yes", lang) if j.compels else label("no", lang)
            compelled = f"{j.effective_grade} ({yes_no})"
            out.append(f"| {j.country} {tx(j.name, lang)} | {compelled} | {cell(laws)} |")
        out.append("")

    return "\n".join(out).rstrip("\n") + "\n"
