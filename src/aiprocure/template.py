"""`aiprocure init`: a commented blank declaration, generated from the model so it never drifts.

Every value is left empty (null = unanswered), so the template itself validates. Every key a rule
reads is shown: the keys of nested objects and of list items as commented lines under their key,
with the values a closed vocabulary allows. The format 2.0 forms (a fact with its conditions, with
its own evidence, alternatives, exceptions, ``any``) are shown once, as a commented example
(docs/declaration-format.md). The first line points editors that use yaml-language-server (VS Code's
YAML extension and others) at the JSON Schema in ``declaration.schema.json`` beside the file, which
``aiprocure init FILE`` writes too (the schema's ``$id`` is an identifier, never fetched).
"""

from __future__ import annotations

import typing

from pydantic import BaseModel

from aiprocure.model.common import Lang
from aiprocure.model.declaration import Declaration
from aiprocure.model.declaration_data import LEGACY_1_0_KEYS
from aiprocure.model.declaration_form_notes import note_for
from aiprocure.model.fields import unwrap_annotation, value_kind

SCHEMA_FILE = "declaration.schema.json"
SCHEMA_LINE = f"# yaml-language-server: $schema=./{SCHEMA_FILE}"
# Lines of the commented example of the 2.0 forms start with this (tests read them back).
EXAMPLE_PREFIX = "#|  "

_HEAD = {
    Lang.JA: [
        "aiprocure 申告書（形式 {v}）",
        "事実だけを記入してください。空欄は「未回答」として報告され、合格にはなりません。",
        "evidence: に裏付け資料（文書名・箇所・種類・日付）を付けると、審査者が確認できます。",
        "検証: aiprocure validate このファイル   評価: aiprocure check このファイル",
        f"エディタの補完と検証: 1 行目が同じフォルダの {SCHEMA_FILE}（aiprocure schema で出力）を指します。",
    ],
    Lang.EN: [
        "aiprocure declaration (format {v})",
        "State facts only. Anything left empty is reported as unanswered, never as a pass.",
        "Add evidence: (document, where, kind, date) so reviewers can trace each claim.",
        "Validate: aiprocure validate THIS_FILE   Assess: aiprocure check THIS_FILE",
        f"Editors validate and complete with {SCHEMA_FILE} beside this file "
        "(aiprocure schema prints it); the first line points at it.",
    ],
}
_FORMS_HEAD = {
    Lang.JA: [
        "形式 2.0: どの事実も、値をそのまま書く（無条件・既定で成り立つ）ほか、条件と裏付け資料を",
        "付けて書けます（docs/declaration-format.md）。例:",
    ],
    Lang.EN: [
        "Format 2.0: any fact may be a plain value (holds unconditionally, by default) or carry its",
        "conditions and its own evidence (docs/declaration-format.md). For example:",
    ],
}
_FORMS = {
    Lang.JA: {
        "b": "地域によって異なる。府省庁は東京リージョンを選ぶと約束する",
        "c": "データを保持しない設定。アカウントごとに事業者が承認",
        "law": "法令で求められる場合はより長く保存",
        "any": "どの国にもなり得る",
        "partial": "少なくともこれら（一覧は全てではない）",
    },
    Lang.EN: {
        "b": "depends on the region; the ministry commits to the Tokyo region",
        "c": "zero data retention, approved per account",
        "law": "kept longer where the law requires",
        "any": "may be any country",
        "partial": "at least these (not a complete list)",
    },
}
_EVIDENCE = {
    Lang.JA: '裏付け資料 例: [{document: サービス仕様書, section: "4.2", page: 12, '
    'url: "https://...", kind: vendor_documentation, date: 2026-04-01}]',
    Lang.EN: 'evidence, e.g. [{document: Service spec, section: "4.2", page: 12, '
    'url: "https://...", kind: vendor_documentation, date: 2026-04-01}]',
}
_ONE_OF = {Lang.JA: "次のいずれか", Lang.EN: "one of"}
_LIST_OF = {Lang.JA: "次の値のリスト", Lang.EN: "list of"}
_EXAMPLE = {Lang.JA: "例", Lang.EN: "e.g."}
_KEYS = {Lang.JA: "キー", Lang.EN: "keys"}
_EACH = {Lang.JA: "各項目のキー", Lang.EN: "keys of each item"}
_ANY = {Lang.JA: "国コードのリスト、又は any（2.0）", Lang.EN: "country codes, or any (2.0)"}

# What a filled-in nested object looks like, where every field is optional (else generated).
SHAPES: dict[str, str] = {
    "use_case.data": "{training: [class2], retrieval: [public, class2], prompts: [class2]}",
    "exit.exports": "[{content: prompts, formats: [JSONL]}, {content: logs, formats: [CSV]}]",
}


def template_version() -> str:
    """The newest format version the declaration model accepts (``"2.0"`` once 2.0 is read)."""
    annotation = Declaration.model_fields["schema_version"].annotation
    return max(str(v) for v in typing.get_args(annotation))


def _note(path: str, lang: Lang, description: str | None) -> str:
    note = note_for(path)
    if note is not None:
        return note[0] if lang is Lang.JA else note[1]
    return description or ""


def _hint(path: str, annotation: object, lang: Lang, description: str | None) -> str:
    inner, many = unwrap_annotation(annotation)
    kind, choices = value_kind(inner)
    hint = _note(path, lang, description)
    if choices:
        hint += f" — {(_LIST_OF if many else _ONE_OF)[lang]}: {', '.join(choices)}"
    elif kind == "bool":
        hint += " — true / false"
    elif many and path.rsplit(".", 1)[-1] in _COUNTRY_LISTS:
        hint += f" — {_ANY[lang]}"
    return hint


_COUNTRY_LISTS = frozenset({"storage", "processing", "backup", "logs", "system_data", "locations"})


def _keys(
    model: type[BaseModel], path: str, depth: int, pad: str, lang: Lang, out: list[str]
) -> None:
    """The keys of a nested object or list item, as commented lines (nested objects nest)."""
    for name, f in model.model_fields.items():
        if name == "evidence":
            out.append(f"{pad}#{'  ' * depth} evidence: {_EVIDENCE[lang]}")
            continue
        sub = f"{path}.{name}"
        inner, _ = unwrap_annotation(f.annotation)
        out.append(f"{pad}#{'  ' * depth} {name}: {_hint(sub, f.annotation, lang, f.description)}")
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            _keys(inner, sub, depth + 1, pad, lang, out)


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
        if path in LEGACY_1_0_KEYS:  # the template is written in the newest format
            continue
        inner, many = unwrap_annotation(f.annotation)
        if name == "evidence":
            out.append(f"{pad}evidence:  # {_EVIDENCE[lang]}")
            continue
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            note = _note(path, lang, f.description)
            if indent == 0:
                out.append("")
                out.append(f"# ── {name}: {note}")
                out.append(f"{name}:")
                _emit(inner, path + ".", indent + 1, lang, out)
            else:
                shape = SHAPES.get(path) or (f"[{_example(inner)}]" if many else _example(inner))
                out.append(f"{pad}{name}:  # {note} — {_EXAMPLE[lang]} {shape}")
                out.append(f"{pad}  # {(_EACH if many else _KEYS)[lang]}:")
                _keys(inner, path, 1, pad + "  ", lang, out)
            continue
        hint = _hint(path, f.annotation, lang, f.description)
        out.append(f"{pad}{name}:  # {hint}" if hint else f"{pad}{name}:")


def forms_example(lang: Lang) -> list[str]:
    """The format 2.0 forms, one example each, as YAML lines (without the comment prefix)."""
    t = _FORMS[lang]
    return [
        "data_locations:",
        "  processing:                    # (b) value, when, detail, evidence",
        "    value: [JP]",
        "    when: depends_on_region",
        f'    detail: "{t["b"]}"',
        "    ministry_commits: true",
        "    evidence:",
        '      - {document: Data residency, url: "https://vendor.example/residency", '
        "kind: vendor_documentation, date: 2026-06-01}",
        f"  system_data: any               # {t['any']}",
        "retention:",
        "  prompt_days:                   # (c) options",
        "    options:",
        "      - {value: 30, when: default}",
        f'      - {{value: 0, when: on_approval, detail: "{t["c"]}", chosen: true}}',
        "    evidence:",
        '      - {document: Data Processing Addendum, section: "5.2", kind: contract, '
        "date: 2026-04-01, file: evidence/dpa.pdf}",
        "  log_days:",
        "    value: 30",
        "    exceptions:",
        f'      - {{value: null, detail: "{t["law"]}", basis: law}}',
        "security:",
        f"  certifications: {{value: [ISO/IEC 27001], complete: false}}   # {t['partial']}",
    ]


def render_template(lang: Lang) -> str:
    version = template_version()
    out = [SCHEMA_LINE]
    out += [f"# {line.format(v=version)}" for line in _HEAD[lang]]
    out.append("#")
    out += [f"# {line}" for line in _FORMS_HEAD[lang]]
    out += [f"{EXAMPLE_PREFIX}{line}" for line in forms_example(lang)]
    out.append(f'schema_version: "{version}"')
    _emit(Declaration, "", 0, lang, out)
    return "\n".join(out) + "\n"
