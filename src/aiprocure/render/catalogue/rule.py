"""One rule of the catalogue, and the small helpers every part of the catalogue shares."""

from __future__ import annotations

from aiprocure.model.checklist import Reference, Rule
from aiprocure.model.common import Lang, Text
from aiprocure.model.conditions import Condition, Predicate, bound_of, field_of, value_set_of, walk
from aiprocure.model.fields import section_of
from aiprocure.model.ruleset import Ruleset
from aiprocure.model.value_names import template_text
from aiprocure.render.condition import describe
from aiprocure.render.conditions import kinds_text
from aiprocure.render.i18n import t
from aiprocure.render.markdown import escape


def label(key: str, lang: Lang, **kwargs: str) -> str:
    return t(f"catalogue.{key}", lang, **kwargs)


def tx(text: Text, lang: Lang) -> str:
    return escape(text.get(lang))


def cell(text: str) -> str:
    """Already-escaped text for a table cell (escape() has handled `|`)."""
    return text or "—"


def reference(ref: Reference) -> str:
    head = ", ".join(escape(x) for x in (ref.source, ref.edition, ref.section) if x)
    if ref.title:
        head += f" — {escape(ref.title)}"
    if ref.url:
        head += f" <{escape(ref.url)}>"
    return head


def _params_of(rule: Rule) -> list[str]:
    names: list[str] = []
    for cond in (rule.check, *([rule.applies_if] if rule.applies_if else [])):
        for c, _ in walk(cond):
            b = bound_of(c)
            if b is not None and b.param:
                names.append(b.param)
            if isinstance(c, Predicate) and "param" in c.predicate.args:
                names.append(str(c.predicate.args["param"]))
    return sorted(set(names))


def _lists_of(cond: Condition) -> list[str]:
    names: list[str] = []
    for c, _ in walk(cond):
        vs = value_set_of(c)
        if vs is not None and vs.named:
            names.append(vs.named)
    return sorted(set(names))


def fmt_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def rule_section(rule: Rule, ruleset: Ruleset, lang: Lang) -> list[str]:
    out = [f'<a id="{rule.id.lower()}"></a>', "", f"#### {rule.id} — {tx(rule.title, lang)}", ""]
    facts = [
        (t("severity", lang), t(f"severity.{rule.severity}", lang)),
        (t("rule.sheet", lang), label(f"sheet.{rule.sheet}", lang)),
        (label("basis", lang), f"`{rule.provenance}` ({t(f'provenance.{rule.provenance}', lang)})"),
    ]
    out += [f"- **{escape(k)}**: {v}" for k, v in facts]
    if rule.provenance_note:
        out.append(f"- **{label('basis_note', lang)}**: {tx(rule.provenance_note, lang)}")
    if rule.applies_if is not None:
        out.append(f"- **{t('rule.applies_if', lang)}**: {describe(rule.applies_if, lang)}")
    out.append(f"- **{t('rule.checks', lang)}**: {describe(rule.check, lang)}")
    params = _params_of(rule)
    if params:
        shown = []
        for name in params:
            p = ruleset.parameters.get(name)
            value = (
                fmt_number(ruleset.parameter_values[name])
                if name in ruleset.parameter_values
                else "?"
            )
            unit = f" {escape(p.unit)}" if p is not None and p.unit else ""
            shown.append(f"`${name}` = {value}{unit}")
        out.append(f"- **{label('uses_params', lang)}**: " + ", ".join(shown))
    lists = sorted(
        set(_lists_of(rule.check) + (_lists_of(rule.applies_if) if rule.applies_if else []))
        | {n for row in rule.severity_by for n in _lists_of(row.when)}
    )
    if lists:
        shown = [
            f"`@{n}` = {{{', '.join(escape(str(v)) for v in sorted(ruleset.lists.get(n, frozenset()), key=str))}}}"
            for n in lists
        ]
        out.append(f"- **{label('uses_lists', lang)}**: " + "; ".join(shown))
    evidence = (
        label("evidence_yes", lang, section=_first_section(rule) or "?")
        if rule.evidence_required
        else label("evidence_no", lang)
    )
    if rule.evidence_required:  # which kinds back the claim (docs/verdicts.md section 14)
        evidence += f" ({t('acc.kinds', lang)}: {kinds_text(rule.evidence_kinds, lang)})"
    out.append(f"- **{label('evidence', lang)}**: {evidence}")
    if rule.review_flag:
        out.append(f"- **{t('rule.review_flag', lang)}**")
    if rule.severity_by:
        out.append(f"- **{t('rule.severity_by', lang)}** ({t('rule.severity_unknown', lang)}):")
        for row in rule.severity_by:
            sev = t(f"severity.{row.severity}", lang)
            when = describe(row.when, lang)
            out.append(
                "  - "
                + t("rule.severity_row", lang, severity=sev, reason=tx(row.reason, lang), when=when)
            )
    if rule.checked_against:
        note = t("rule.not_rechecked", lang)
        out.append(
            f"- **{t('rule.checked_against', lang)}**: {escape(rule.checked_against)} — {note}"
        )
    out.append(f"- **{t('rule.rationale', lang)}**: {tx(rule.rationale, lang)}")
    out.append(f"- **{label('remediation', lang)}**: {tx(rule.remediation, lang)}")
    if rule.message is not None:
        message = template_text(rule.message.get(lang), lang)  # placeholders as words
        out.append(f"- **{label('message', lang)}**: {escape(message)}")
    out.append(f"- **{label('references', lang)}**:")
    out += [f"  - {reference(ref)}" for ref in rule.references]
    out.append("")
    return out


def _first_section(rule: Rule) -> str | None:
    """The declaration section whose evidence backs the rule: the section of the check's first
    field test (predicates name none here)."""
    if rule.evidence_section is not None:
        return rule.evidence_section
    for c, _ in walk(rule.check):
        path = field_of(c)
        if path is not None:
            return section_of(path)
    return None
