"""The format 2.0 pieces of the declaration's JSON Schema: the evidence entry, the wrapper of a
fact (``value``/``when``/... or ``options``), exceptions, and the bilingual descriptions every
property carries (docs/declaration-format.md sections 1, 2, 4)."""

from __future__ import annotations

from typing import Any

from aiprocure.model.declaration_form_notes import EVIDENCE_NOTES, FORM_NOTES
from aiprocure.model.facts import ConditionKind, EvidenceKind

Schema = dict[str, Any]

# Retention periods where more is worse: the only facts that may carry `exceptions`.
EXCEPTION_FIELDS = frozenset(
    {
        "retention.prompt_days",
        "retention.log_days",
        "retention.deletion_days_after_termination",
    }
)
EXCEPTION_BASES = ("law", "vendor_policy", "customer_request")
SHA256 = "^[0-9a-f]{64}$"


def described(note: tuple[str, str], schema: Schema | None = None) -> Schema:
    """``schema`` with the note: ``description`` in English (what every JSON Schema tool shows),
    ``markdownDescription`` in both languages (what VS Code's YAML extension shows on hover and
    completion) and ``x-description-ja`` in Japanese alone (for other tools)."""
    ja, en = note
    return {
        "description": en,
        "markdownDescription": f"{en}\n\n{ja}",
        "x-description-ja": ja,
        **(schema or {}),
    }


def _form(key: str, schema: Schema) -> Schema:
    return described(FORM_NOTES[key], schema)


def form_defs() -> dict[str, Schema]:
    """The shared definitions the wrappers and evidence lists refer to."""
    text = {"type": "string", "minLength": 1, "maxLength": 5000}
    exception = {
        "type": "object",
        "properties": {
            "value": _form(
                "exceptions.value",
                {"anyOf": [{"type": "integer", "minimum": 0, "maximum": 36500}, {"type": "null"}]},
            ),
            "detail": _form("exceptions.detail", dict(text)),
            "basis": _form("exceptions.basis", {"enum": list(EXCEPTION_BASES)}),
        },
        "required": ["value", "detail"],
        "additionalProperties": False,
    }
    return {
        "when": {"enum": [k.value for k in ConditionKind]},
        "detail": text,
        "exceptions": {"type": "array", "minItems": 1, "items": exception},
        "evidence_entry": evidence_entry(),
        "evidence_list": {"type": "array", "items": {"$ref": "#/$defs/evidence_entry"}},
        **key_defs(),
    }


def evidence_entry() -> Schema:
    """One evidence entry with the 2.0 keys (``kind`` is required in a 2.0 file and not allowed
    in a 1.0 file; `aiprocure validate` checks which, the schema accepts both)."""
    short = {"type": "string", "minLength": 1, "maxLength": 500}

    def note(key: str, schema: Schema) -> Schema:
        return described(EVIDENCE_NOTES[f"evidence.{key}"], schema)

    return {
        "type": "object",
        "properties": {
            "document": note("document", dict(short)),
            "section": note("section", dict(short)),
            "page": note("page", {"type": "integer", "minimum": 1, "maximum": 100000}),
            "url": note("url", {"type": "string", "format": "uri", "minLength": 1}),
            "kind": note("kind", {"enum": [k.value for k in EvidenceKind]}),
            "date": note("date", {"type": "string", "format": "date"}),
            "file": note("file", dict(short)),
            "sha256": note("sha256", {"type": "string", "pattern": SHA256}),
        },
        "required": ["document"],
        "additionalProperties": False,
    }


def evidence_property(note: tuple[str, str]) -> Schema:
    return described(note, {"anyOf": [{"$ref": "#/$defs/evidence_list"}, {"type": "null"}]})


def _keys(kind: str, path: str, is_list: bool) -> str:
    """The name of the shared definition holding a wrapper's (``value``) or an option's
    (``option``) keys other than ``value``, for this fact."""
    extra = "_exceptions" if path in EXCEPTION_FIELDS else "_list" if is_list else ""
    return f"#/$defs/{kind}_keys{extra}"


def key_defs() -> dict[str, Schema]:
    """The keys of a wrapper and of an option besides ``value``, shared by every fact: one
    definition per variant (``exceptions`` only on retention periods, ``complete`` only on
    lists)."""
    evidence = evidence_property(EVIDENCE_NOTES["evidence"])
    common = {
        "when": _form("when", {"$ref": "#/$defs/when"}),
        "detail": _form("detail", {"$ref": "#/$defs/detail"}),
        "evidence": evidence,
    }
    extras: dict[str, Schema] = {
        "": {},
        "_list": {"complete": _form("complete", {"type": "boolean"})},
        "_exceptions": {"exceptions": _form("exceptions", {"$ref": "#/$defs/exceptions"})},
    }
    out: dict[str, Schema] = {}
    for suffix, extra in extras.items():
        out[f"value_keys{suffix}"] = {
            "properties": {
                **common,
                **extra,
                "ministry_commits": _form("ministry_commits", {"type": "boolean"}),
            }
        }
        out[f"option_keys{suffix}"] = {
            "properties": {**common, **extra, "chosen": _form("chosen", {"type": "boolean"})}
        }
    return out


def wrapped(plain: Schema, plain_inside: Schema, path: str, is_list: bool) -> list[Schema]:
    """The three ways to state a fact: ``plain`` (its fields may be wrapped in turn), form (b)
    ``{value, when, ...}`` and form (c) ``{options: [...]}``; a wrapper's value is
    ``plain_inside`` (no wrapper inside a wrapper). The keys besides ``value`` are shared
    definitions; ``unevaluatedProperties`` rejects any other key."""
    value = {"description": FORM_NOTES["value"][1], "x-description-ja": FORM_NOTES["value"][0]}
    value_form = {
        "type": "object",
        "allOf": [{"$ref": _keys("value", path, is_list)}],
        "properties": {"value": {**value, **plain_inside}},
        "required": ["value"],
        "unevaluatedProperties": False,
    }
    option = {
        "type": "object",
        "allOf": [{"$ref": _keys("option", path, is_list)}],
        "properties": {"value": {**value, **plain_inside}},
        "required": ["value"],
        "unevaluatedProperties": False,
    }
    options_form = {
        "type": "object",
        "properties": {
            "options": {
                "description": FORM_NOTES["options"][1],
                "x-description-ja": FORM_NOTES["options"][0],
                "type": "array",
                "minItems": 1,
                "items": option,
            },
            "evidence": {
                "description": EVIDENCE_NOTES["evidence"][1],
                "x-description-ja": EVIDENCE_NOTES["evidence"][0],
                "$ref": "#/$defs/evidence_list",
            },
        },
        "required": ["options"],
        "additionalProperties": False,
    }
    return [plain, value_form, options_form]
