"""The rule catalogue: every loaded rule, parameter, list, high-risk viewpoint and jurisdiction as
Markdown, in Japanese or English.

``catalogue_markdown`` is pure and deterministic (no clock, no paths, sorted where the input order
is not meaningful), so the generated ``docs/rules.md`` and ``docs/rules.ja.md`` can be checked in
and tested for being current. Regenerate them with ``python -m aiprocure.render.catalogue``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from aiprocure.model.checklist import (
    All,
    AllIn,
    Any_,
    AtLeast,
    AtMost,
    Condition,
    ContainsAll,
    Jurisdiction,
    NoneIn,
    Not,
    OneOf,
    Reference,
    Rule,
    _ValueSet,
)
from aiprocure.model.common import Lang, Text
from aiprocure.model.ruleset import Ruleset
from aiprocure.render.condition import describe
from aiprocure.render.i18n import t
from aiprocure.render.markdown import escape

# key: (ja, en)
_L: dict[str, tuple[str, str]] = {
    "title": ("DS-920 ルールカタログ", "DS-920 rule catalogue"),
    "generated": (
        "このファイルは読み込んだチェックリストから `python -m aiprocure.render.catalogue` で生成"
        "したものです。直接編集しないでください。",
        "Generated from the loaded checklists by `python -m aiprocure.render.catalogue`; "
        "do not edit by hand.",
    ),
    "basis_intro": (
        "各ルールの「根拠の種類」は次のとおりです。DS-920 の各シートの項目本文は確認できていない"
        "ため、`guideline` はシートが扱う話題が確認できたものに限り、文言と水準は本ツールのもの"
        "です。",
        "Each rule's basis is one of the following. The item text of DS-920's sheets could not be "
        "confirmed, so `guideline` is used only where the sheets are confirmed to cover the topic; "
        "even there the wording and level are this tool's.",
    ),
    "basis.guideline": (
        "ガイドライン本文（DS-920 のシートが扱う話題として確認済み）",
        "the guideline's own text (topic confirmed as covered by DS-920's sheets)",
    ),
    "basis.official": (
        "他の公的資料（DS-920 以外の公的な文書・法令）",
        "another official source (an official document or law other than DS-920)",
    ),
    "basis.tool": ("本ツールの判断", "this tool's judgement"),
    "checklists": ("チェックリスト", "Checklists"),
    "id": ("ID", "ID"),
    "version": ("版", "Version"),
    "guideline": ("対象ガイドライン", "Guideline edition"),
    "summary": ("ルール数", "Rule counts"),
    "pack_title": ("名称", "Title"),
    "total": ("計", "Total"),
    "rules": ("ルール", "Rules"),
    "category": ("観点", "Category"),
    "sheet": ("シート", "Sheet"),
    "basis": ("根拠の種類", "Basis"),
    "basis_note": ("根拠についての注記", "Note on the basis"),
    "applies_if": ("適用条件", "Applies if"),
    "checks": ("判定条件", "Checks"),
    "uses_params": ("使用するパラメータ", "Parameters used"),
    "uses_lists": ("使用する値リスト", "Lists used"),
    "evidence": ("根拠資料", "Evidence"),
    "evidence_yes": ("必要（`{section}` の evidence）", "required (`evidence` of `{section}`)"),
    "evidence_no": ("不要", "not required"),
    "review_flag": ("不適合時は CAIO 確認対象", "A failure raises a CAIO review flag"),
    "rationale": ("理由", "Rationale"),
    "remediation": ("対応策", "Remediation"),
    "message": ("不適合時の表示", "Message on failure"),
    "references": ("参照", "References"),
    "parameters": ("パラメータ", "Parameters"),
    "parameters_intro": (
        "DS-920 が数値を定めていない閾値です。府省庁は自らのパックで `parameters:` を定義して"
        "上書きできます。",
        "Thresholds DS-920 leaves open. A ministry overrides them by defining `parameters:` in "
        "its own pack.",
    ),
    "name": ("名前", "Name"),
    "default": ("既定値", "Default"),
    "unit": ("単位", "Unit"),
    "description": ("説明", "Description"),
    "lists": ("値リスト", "Named lists"),
    "values": ("値", "Values"),
    "high_risk": ("高リスク判定シート", "High-risk determination sheet"),
    "aggregation": ("集計方法", "Aggregation"),
    "level": ("区分", "Level"),
    "label": ("内容", "Meaning"),
    "high": ("高リスク側", "High side"),
    "when": ("該当条件", "When"),
    "yes": ("はい", "yes"),
    "no": ("いいえ", "no"),
    "jurisdictions": ("法域", "Jurisdictions"),
    "jurisdictions_intro": (
        "`compelled_access: true` の国は値リスト `@compelled_access_countries` となり、"
        "DS920-FA-001/002/003 で使われます。",
        "Countries with `compelled_access: true` form the list `@compelled_access_countries` "
        "used by DS920-FA-001/002/003.",
    ),
    "country": ("国", "Country"),
    "compelled": ("強制アクセス法", "Compelled access"),
    "laws": ("法令", "Laws"),
    "sheet.procurement": ("調達チェックシート", "Procurement check sheet"),
    "sheet.contract": ("契約チェックシート", "Contract check sheet"),
    "sheet.high_risk": ("高リスク判定シート", "High-risk determination sheet"),
    "sheet.custom": ("独自", "Custom"),
}

_SHEETS = ("procurement", "contract", "high_risk", "custom")


def _l(key: str, lang: Lang, **kwargs: str) -> str:
    ja, en = _L[key]
    text = ja if lang is Lang.JA else en
    return text.format(**kwargs) if kwargs else text


def _tx(text: Text, lang: Lang) -> str:
    return escape(text.get(lang))


def _cell(text: str) -> str:
    """Already-escaped text for a table cell (escape() has handled `|`)."""
    return text or "—"


def _reference(ref: Reference) -> str:
    head = ", ".join(escape(x) for x in (ref.source, ref.edition, ref.section) if x)
    if ref.title:
        head += f" — {escape(ref.title)}"
    if ref.url:
        head += f" <{escape(ref.url)}>"
    return head


def _walk(cond: Condition) -> Iterator[Condition]:
    yield cond
    if isinstance(cond, All):
        for c in cond.all:
            yield from _walk(c)
    elif isinstance(cond, Any_):
        for c in cond.any:
            yield from _walk(c)
    elif isinstance(cond, Not):
        yield from _walk(cond.not_)


def _params_of(rule: Rule) -> list[str]:
    names: list[str] = []
    for cond in (rule.check, *([rule.applies_if] if rule.applies_if else [])):
        for c in _walk(cond):
            if isinstance(c, AtLeast) and c.at_least.param:
                names.append(c.at_least.param)
            elif isinstance(c, AtMost) and c.at_most.param:
                names.append(c.at_most.param)
    return sorted(set(names))


def _lists_of(cond: Condition) -> list[str]:
    names: list[str] = []
    for c in _walk(cond):
        vs: _ValueSet | None = None
        if isinstance(c, OneOf):
            vs = c.one_of
        elif isinstance(c, AllIn):
            vs = c.all_in
        elif isinstance(c, NoneIn):
            vs = c.none_in
        elif isinstance(c, ContainsAll):
            vs = c.contains_all
        if vs is not None and vs.named:
            names.append(vs.named)
    return sorted(set(names))


def _fmt_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _rule(rule: Rule, ruleset: Ruleset, lang: Lang) -> list[str]:
    out = [f'<a id="{rule.id.lower()}"></a>', "", f"#### {rule.id} — {_tx(rule.title, lang)}", ""]
    facts = [
        (t("severity", lang), t(f"severity.{rule.severity}", lang)),
        (_l("sheet", lang), _l(f"sheet.{rule.sheet}", lang)),
        (_l("basis", lang), f"`{rule.provenance}` ({t(f'provenance.{rule.provenance}', lang)})"),
    ]
    out += [f"- **{escape(k)}**: {v}" for k, v in facts]
    if rule.provenance_note:
        out.append(f"- **{_l('basis_note', lang)}**: {_tx(rule.provenance_note, lang)}")
    if rule.applies_if is not None:
        out.append(f"- **{_l('applies_if', lang)}**: {describe(rule.applies_if, lang)}")
    out.append(f"- **{_l('checks', lang)}**: {describe(rule.check, lang)}")
    params = _params_of(rule)
    if params:
        shown = []
        for name in params:
            p = ruleset.parameters.get(name)
            value = (
                _fmt_number(ruleset.parameter_values[name])
                if name in ruleset.parameter_values
                else "?"
            )
            unit = f" {escape(p.unit)}" if p is not None and p.unit else ""
            shown.append(f"`${name}` = {value}{unit}")
        out.append(f"- **{_l('uses_params', lang)}**: " + ", ".join(shown))
    lists = sorted(
        set(_lists_of(rule.check) + (_lists_of(rule.applies_if) if rule.applies_if else []))
    )
    if lists:
        shown = [
            f"`@{n}` = {{{', '.join(escape(str(v)) for v in sorted(ruleset.lists.get(n, frozenset()), key=str))}}}"
            for n in lists
        ]
        out.append(f"- **{_l('uses_lists', lang)}**: " + "; ".join(shown))
    evidence = (
        _l("evidence_yes", lang, section=_first_section(rule) or "?")
        if rule.evidence_required
        else _l("evidence_no", lang)
    )
    out.append(f"- **{_l('evidence', lang)}**: {evidence}")
    if rule.review_flag:
        out.append(f"- **{_l('review_flag', lang)}**")
    out.append(f"- **{_l('rationale', lang)}**: {_tx(rule.rationale, lang)}")
    out.append(f"- **{_l('remediation', lang)}**: {_tx(rule.remediation, lang)}")
    if rule.message is not None:
        out.append(f"- **{_l('message', lang)}**: {_tx(rule.message, lang)}")
    out.append(f"- **{_l('references', lang)}**:")
    out += [f"  - {_reference(ref)}" for ref in rule.references]
    out.append("")
    return out


_FIELD_OPERATORS = (
    "equals",
    "one_of",
    "all_in",
    "none_in",
    "contains_all",
    "at_least",
    "at_most",
    "present",
    "non_empty",
    "matches",
)


def _first_section(rule: Rule) -> str | None:
    """The declaration section whose evidence backs the rule, as the engine picks it."""
    if rule.evidence_section is not None:
        return rule.evidence_section
    for c in _walk(rule.check):
        for attr in _FIELD_OPERATORS:
            arg = getattr(c, attr, None)
            if arg is not None and hasattr(arg, "field"):
                return str(arg.field).split(".")[0].removesuffix("[]")
    return None


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


# --- regeneration of the checked-in catalogues ---------------------------------------------------

DOCS = {Lang.EN: "rules.md", Lang.JA: "rules.ja.md"}


def docs_dir() -> Path:
    return Path(__file__).resolve().parents[3] / "docs"


def main() -> int:
    """Rewrite docs/rules.md and docs/rules.ja.md from the shipped checklists."""
    from aiprocure import api

    ruleset = api.load_checklists()
    target = docs_dir()
    target.mkdir(exist_ok=True)
    for lang, name in DOCS.items():
        path = target / name
        path.write_text(catalogue_markdown(ruleset, lang), encoding="utf-8", newline="\n")
        sys.stdout.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
