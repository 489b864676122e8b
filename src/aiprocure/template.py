"""`aiprocure init`: a commented blank declaration, generated from the model so it never drifts.

Every value is left empty (null = unanswered), so the template itself validates; nested objects
and list items are shown as commented examples.
"""

from __future__ import annotations

from pydantic import BaseModel

from aiprocure.model.common import Lang
from aiprocure.model.declaration import SCHEMA_VERSION, Declaration
from aiprocure.model.declaration_notes import NOTES
from aiprocure.model.fields import unwrap_annotation, value_kind

_HEAD = {
    Lang.JA: [
        "aiprocure 申告書（スキーマ {v}）",
        "事実だけを記入してください。空欄は「未回答」として報告され、合格にはなりません。",
        "各セクションに evidence: を付けると、審査者が根拠を確認できます。",
        "検証: aiprocure validate このファイル   評価: aiprocure check このファイル",
    ],
    Lang.EN: [
        "aiprocure declaration (schema {v})",
        "State facts only. Anything left empty is reported as unanswered, never as a pass.",
        "Add evidence: to a section so reviewers can trace each claim.",
        "Validate: aiprocure validate THIS_FILE   Assess: aiprocure check THIS_FILE",
    ],
}
_EVIDENCE = {
    Lang.JA: '根拠資料 例: [{document: サービス仕様書, section: "4.2", page: 12, url: "https://..."}]',
    Lang.EN: 'evidence, e.g. [{document: Service spec, section: "4.2", page: 12, url: "https://..."}]',
}
_ONE_OF = {Lang.JA: "次のいずれか", Lang.EN: "one of"}
_LIST_OF = {Lang.JA: "次の値のリスト", Lang.EN: "list of"}
_EXAMPLE = {Lang.JA: "例", Lang.EN: "e.g."}
# Lists whose items are shown key by key (the chain of holders, docs/verdicts.md 7).
_ITEM_KEYS = ("system.models", "sub_processors.entities")
_EACH = {Lang.JA: "各項目のキー", Lang.EN: "keys of each item"}


def _item_keys(model: type[BaseModel], path: str, pad: str, lang: Lang, out: list[str]) -> None:
    out.append(f"{pad}  # {_EACH[lang]}:")
    for name, f in model.model_fields.items():
        inner, many = unwrap_annotation(f.annotation)
        kind, choices = value_kind(inner)
        hint = _note(f"{path}.{name}", lang, f.description)
        if choices:
            hint += f" — {(_LIST_OF if many else _ONE_OF)[lang]}: {', '.join(choices)}"
        elif kind == "bool":
            hint += " — true / false"
        out.append(f"{pad}  #   {name}: {hint}")


# What a filled-in nested object looks like, where every field is optional (else generated).
SHAPES: dict[str, str] = {
    "use_case.data": "{training: [class2], retrieval: [public, class2], prompts: [class2]}",
    "exit.exports": "[{content: prompts, formats: [JSONL]}, {content: logs, formats: [CSV]}]",
}


def _note(path: str, lang: Lang, description: str | None) -> str:
    if path in NOTES:
        ja, en = NOTES[path]
        return ja if lang is Lang.JA else en
    return description or ""


def _example(model: type[BaseModel]) -> str:
    parts = []
    for name, f in model.model_fields.items():
        inner, _ = unwrap_annotation(f.annotation)
        kind, choices = value_kind(inner)
        sample = (
            choices[0]
            if choices
            else {"bool": "true", "number": "0", "date": "2026-04-01"}.get(kind, "...")
        )
        if f.is_required() or name in ("country", "provider_country", "language"):
            parts.append(f"{name}: {sample}")
    return "{" + ", ".join(parts) + "}"


def _emit(model: type[BaseModel], prefix: str, indent: int, lang: Lang, out: list[str]) -> None:
    pad = "  " * indent
    fields = sorted(model.model_fields.items(), key=lambda item: item[0] == "evidence")
    for name, f in fields:
        if name == "schema_version":
            continue
        path = f"{prefix}{name}"
        inner, many = unwrap_annotation(f.annotation)
        note = _note(path, lang, f.description)
        if name == "evidence":
            out.append(f"{pad}evidence:  # {_EVIDENCE[lang]}")
            continue
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            if indent == 0:
                out.append("")
                out.append(f"# ── {name}: {note}")
                out.append(f"{name}:")
                _emit(inner, path + ".", indent + 1, lang, out)
            else:
                shape = SHAPES.get(path) or (f"[{_example(inner)}]" if many else _example(inner))
                out.append(f"{pad}{name}:  # {note} — {_EXAMPLE[lang]} {shape}")
                if many and path in _ITEM_KEYS:
                    _item_keys(inner, path, pad, lang, out)
            continue
        kind, choices = value_kind(inner)
        hint = note
        if choices:
            hint += f" — {(_LIST_OF if many else _ONE_OF)[lang]}: {', '.join(choices)}"
        elif kind == "bool":
            hint += " — true / false"
        out.append(f"{pad}{name}:  # {hint}" if hint else f"{pad}{name}:")


def render_template(lang: Lang) -> str:
    out = [f"# {line.format(v=SCHEMA_VERSION)}" for line in _HEAD[lang]]
    out.append(f'schema_version: "{SCHEMA_VERSION}"')
    _emit(Declaration, "", 0, lang, out)
    return "\n".join(out) + "\n"
