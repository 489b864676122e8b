"""The words of format 2.0 in reports (docs/declaration-format.md sections 3 and 4): conditions of
acceptance, fact notes, evidence with its kind and date, notices, `any` region. Every function
returns raw text that holds vendor text: each format escapes it (``render.safe`` and the format's
own escaping) as it does any vendor text."""

from __future__ import annotations

import json
from typing import Any

from aiprocure.model.common import Lang
from aiprocure.model.facts import EvidenceKind
from aiprocure.model.findings import (
    ANY_REGION,
    ConditionRef,
    EvidenceRef,
    FactNoteRef,
    Finding,
    Notice,
    Observed,
    Report,
)
from aiprocure.model.value_names import value_name
from aiprocure.render.i18n import t
from aiprocure.render.phrases import PHRASES


def _word(prefix: str, key: str, lang: Lang) -> str:
    return t(f"{prefix}.{key}", lang) if f"{prefix}.{key}" in PHRASES else key


def when_word(kind: str, lang: Lang) -> str:
    """A condition kind in words (``on_request`` -> "on request")."""
    return _word("when", kind, lang)


def kind_word(kind: str, lang: Lang) -> str:
    """An evidence kind in words."""
    return _word("kind", kind, lang)


def kinds_text(kinds: list[EvidenceKind], lang: Lang) -> str:
    """The evidence kinds a rule accepts, in words."""
    return ", ".join(kind_word(k.value, lang) for k in kinds)


def value_text(value: Any, lang: Lang) -> str:
    """A declared value for reading: `any` as "any region", lists joined, objects as JSON."""
    if value == ANY_REGION:
        return t("acc.any_region", lang)
    if value is None:
        return t("not_answered", lang)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(value_text(v, lang) for v in value) if value else "[]"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def observed_text(f: Finding, key: str, value: Observed, lang: Lang) -> str:
    """An observed value of a finding: "any region" where the declaration said `any`."""
    if key in f.any_region:
        return t("acc.any_region", lang)
    return value_name(key, value, lang.value)


def condition_line(c: ConditionRef, lang: Lang) -> str:
    """``path = value — on request: detail``."""
    text = f"{c.path} = {value_text(c.value, lang)} — {when_word(c.kind, lang)}"
    return f"{text}: {c.detail}" if c.detail else text


def note_line(n: FactNoteRef, lang: Lang) -> str:
    text = f"{n.path}: {_word('note', n.kind, lang)}"
    if n.value is not None:
        text += f" ({value_text(n.value, lang)})"
    return f"{text} — {n.detail}" if n.detail else text


def evidence_line(e: EvidenceRef, lang: Lang) -> str:
    """``document §section p.N <url> [kind, date] file sha256:… (section-wide)``."""
    extra = [kind_word(e.kind, lang)] + ([e.date] if e.date else [])
    text = f"{e.label()} [{', '.join(extra)}]"
    if e.file:
        text += f" {t('acc.evidence_file', lang)}: {e.file}"
        if e.sha256:
            text += f" sha256:{e.sha256}"
    if e.section_wide:
        text += f" ({t('acc.section_wide', lang)})"
    return text


def notice_text(n: Notice, lang: Lang) -> str:
    return t(
        f"notice.{n.kind}",
        lang,
        date=n.date or "",
        age=n.age_days if n.age_days is not None else "",
        limit=n.limit_days if n.limit_days is not None else "",
        document=n.document or "",
        file=n.file or "",
    )


def rules_text(rules: list[str], lang: Lang) -> str:
    return ", ".join(rules) if rules else t("acc.no_rules", lang)


def has_any(report: Report) -> bool:
    """The report has something of format 2.0 to show beyond its findings."""
    return bool(report.acceptance_conditions or report.fact_notes or report.notices)
