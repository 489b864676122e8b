"""The catalogue as a whole: checklists, basis legend, counts, rules by category, parameters,
lists, the high-risk sheet and jurisdictions (one rule's section is in ``rule``)."""

from __future__ import annotations

from aiprocure.model.checklist import Jurisdiction, Rule
from aiprocure.model.common import Lang, Text
from aiprocure.model.ruleset import Ruleset
from aiprocure.render.catalogue.rule import _cell, _fmt_number, _l, _reference, _rule, _tx
from aiprocure.render.condition import describe
from aiprocure.render.i18n import t
from aiprocure.render.markdown import escape

_SHEETS = ("procurement", "contract", "high_risk", "custom")


def _jurisdiction_order(j: Jurisdiction) -> tuple[bool, str]:
    return (not j.compelled_access, j.country)


def catalogue_markdown(ruleset: Ruleset, lang: Lang) -> str:
    """The rule catalogue of ``ruleset`` as Markdown in ``lang``. Pure and deterministic."""
    out = [f"# {_l('title', lang)}", "", f"_{_l('generated', lang)}_", ""]

    # checklists
    out += [f"## {_l('checklists', lang)}", ""]
    out += [
        f"| {_l('id', lang)} | {_l('version', lang)} | {_l('pack_title', lang)}"
        f" | {_l('guideline', lang)} |",
        "|---|---|---|---|",
    ]
    for cl, _src in ruleset.checklists:
        m = cl.checklist
        out.append(
            f"| `{m.id}` | {escape(m.version)} | {_tx(m.title, lang)} | {_cell(escape(m.guideline or ''))} |"
        )
    out.append("")

    # basis legend
    out += [f"## {_l('basis', lang)}", "", _l("basis_intro", lang), ""]
    out += [f"- `{p}`: {_l(f'basis.{p}', lang)}" for p in ("guideline", "official", "tool")]
    out.append("")

    # counts
    cats = list(ruleset.categories)
    cats += sorted({r.category for r in ruleset.rules} - set(cats))
    sheets = [s for s in _SHEETS if any(r.sheet == s for r in ruleset.rules)]
    bases = ("guideline", "official", "tool")
    out += [f"## {_l('summary', lang)}", ""]
    header = [_l("category", lang), *(_l(f"sheet.{s}", lang) for s in sheets)]
    header += [f"`{b}`" for b in bases] + [_l("total", lang)]
    out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]

    def row(label: str, rules: list[Rule]) -> str:
        cells = [label]
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
            out.append(row(_tx(title, lang), members))
    out.append(row(f"**{_l('total', lang)}**", list(ruleset.rules)))
    out.append("")

    # rules by category
    out += [f"## {_l('rules', lang)}", ""]
    for cat in cats:
        members = sorted(
            (r for r in ruleset.rules if r.category == cat),
            key=lambda r: (_SHEETS.index(r.sheet), r.id),
        )
        if not members:
            continue
        category = ruleset.categories.get(cat)
        title = category.title if category else Text(ja=cat, en=cat)
        out += [f"### {_tx(title, lang)} (`{cat}`)", ""]
        if category is not None and category.description is not None:
            out += [_tx(category.description, lang), ""]
        out += [
            f"| ID | {t('rule', lang)} | {t('severity', lang)} | {_l('sheet', lang)} | {_l('basis', lang)} |",
            "|---|---|---|---|---|",
        ]
        for r in members:
            out.append(
                f"| [{r.id}](#{r.id.lower()}) | {_tx(r.title, lang)} | {t(f'severity.{r.severity}', lang)}"
                f" | {_l(f'sheet.{r.sheet}', lang)} | `{r.provenance}` |"
            )
        out.append("")
        for r in members:
            out += _rule(r, ruleset, lang)

    # parameters
    if ruleset.parameters:
        out += [f"## {_l('parameters', lang)}", "", _l("parameters_intro", lang), ""]
        out += [
            f"| {_l('name', lang)} | {_l('default', lang)} | {_l('unit', lang)} | {_l('basis', lang)} | {_l('description', lang)} |",
            "|---|---|---|---|---|",
        ]
        for name in sorted(ruleset.parameters):
            p = ruleset.parameters[name]
            out.append(
                f"| `{name}` | {_fmt_number(ruleset.parameter_values[name])} | {_cell(escape(p.unit or ''))}"
                f" | `{p.provenance}` | {_tx(p.description, lang)} |"
            )
        out.append("")

    # named lists
    if ruleset.lists:
        out += [f"## {_l('lists', lang)}", ""]
        out += [f"| {_l('name', lang)} | {_l('values', lang)} |", "|---|---|"]
        for name in sorted(ruleset.lists):
            values = ", ".join(escape(str(v)) for v in sorted(ruleset.lists[name], key=str))
            out.append(f"| `@{name}` | {_cell(values)} |")
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
        out += [f"## {_l('high_risk', lang)}: {_tx(sheet.title, lang)}", ""]
        out.append(f"- **{_l('aggregation', lang)}**: {escape(mode)} (`{agg.mode}`)")
        out.append(
            f"- **{_l('basis', lang)}**: `{agg.provenance}` ({t(f'provenance.{agg.provenance}', lang)})"
        )
        if agg.note is not None:
            out.append(f"- **{_l('basis_note', lang)}**: {_tx(agg.note, lang)}")
        out.append("")
        for vp in sheet.viewpoints:
            out += [f"### {vp.id} — {_tx(vp.title, lang)}", ""]
            if vp.description is not None:
                out += [_tx(vp.description, lang), ""]
            out += [
                f"| {_l('level', lang)} | {_l('label', lang)} | {_l('high', lang)} | {_l('when', lang)} |",
                "|---|---|---|---|",
            ]
            for lv in vp.levels:
                when = describe(lv.when, lang).replace("|", "\\|")
                high = _l("yes", lang) if lv.high else _l("no", lang)
                out.append(f"| `{lv.id}` | {_tx(lv.label, lang)} | {high} | {when} |")
            out += ["", f"**{_l('references', lang)}**:", ""]
            out += [f"- {_reference(ref)}" for ref in vp.references]
            out.append("")

    # jurisdictions
    if ruleset.jurisdictions:
        out += [f"## {_l('jurisdictions', lang)}", "", _l("jurisdictions_intro", lang), ""]
        out += [
            f"| {_l('country', lang)} | {_l('compelled', lang)} | {_l('laws', lang)} |",
            "|---|---|---|",
        ]
        for j in sorted(ruleset.jurisdictions.values(), key=_jurisdiction_order):
            laws = "<br>".join(
                _tx(law.name, lang)
                + (f" ({law.year})" if law.year else "")
                + (f": {_tx(law.note, lang)}" if law.note else "")
                for law in j.laws
            )
            compelled = _l("yes", lang) if j.compelled_access else _l("no", lang)
            out.append(f"| {j.country} {_tx(j.name, lang)} | {compelled} | {_cell(laws)} |")
        out.append("")

    return "\n".join(out).rstrip("\n") + "\n"
