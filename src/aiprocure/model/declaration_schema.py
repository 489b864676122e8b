"""The JSON Schema of declaration format 2.0, generated from the declaration model so it never
drifts: ``aiprocure schema`` prints it and docs/declaration.schema.json ships it.

* ``$id`` is an identifier, never fetched (``.example`` is reserved, RFC 2606); draft 2020-12.
* Every fact (any field below a section, list items' fields included) accepts the plain form or a
  format 2.0 wrapper (``{value, when, detail, ministry_commits, exceptions, complete, evidence}``
  or ``{options, evidence}``); a wrapper's value is plain (no wrapper inside a wrapper), so every
  model has two definitions: ``Name`` (its fields may be wrapped) and ``Name_plain``.
* ``any`` is accepted where a list of countries is expected.
* Every property carries its bilingual note (``declaration_schema_forms.described``).

The corporate number's check digit cannot be said in JSON Schema: the pattern checks 13 digits
only and the description names `aiprocure validate` as the authority.
"""

from __future__ import annotations

import copy
import types
import typing
from typing import Any

from pydantic import BaseModel

from aiprocure.model.common import Country
from aiprocure.model.declaration import Declaration
from aiprocure.model.declaration_form_notes import note_for
from aiprocure.model.declaration_schema_forms import (
    Schema,
    described,
    evidence_property,
    form_defs,
    wrapped,
)

SCHEMA_ID = "https://aiprocure.example/schema/declaration-2.0.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
VERSIONS = ("1.0", "2.0")
CORPORATE_NUMBER = "^[0-9]{13}$"
_CHECK_DIGIT = (
    " Only the 13 digits are checked here: the check digit is verified by `aiprocure validate`, "
    "which is the authority.",
    "（ここでは 13 桁であることだけを確認します。検査用数字は aiprocure validate が確認します）",
)
_ANY = (
    "「any」と書くと、全ての国・地域になり得ることを表す",
    "`any`: may be any country (e.g. a global deployment)",
)
_ROOT = (
    "aiprocure の申告書（形式 2.0。1.0 も読める）。生成AIサービスについての事実を記入する。",
    "aiprocure declaration (format 2.0; 1.0 is still read): the facts of a generative-AI service.",
)


def _args(annotation: Any) -> list[Any]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [a for a in typing.get_args(annotation) if a is not type(None)]
    return [annotation]


def _is_list(annotation: Any) -> bool:
    return any(typing.get_origin(a) is list for a in _args(annotation))


def _is_countries(annotation: Any) -> bool:
    return any(
        typing.get_origin(a) is list and typing.get_args(a)[0] == Country for a in _args(annotation)
    )


def _model(annotation: Any) -> type[BaseModel] | None:
    for arg in _args(annotation):
        inner = typing.get_args(arg)[0] if typing.get_origin(arg) is list else arg
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner
    return None


def _owners(
    model: type[BaseModel], prefix: str, out: dict[str, tuple[type[BaseModel], str]]
) -> None:
    """Each model below the declaration with the field path its fields sit at (one path each)."""
    for name, f in model.model_fields.items():
        inner = _model(f.annotation)
        if inner is None or inner.__name__ == "Evidence":
            continue
        path = f"{prefix}{f.alias or name}"
        if inner.__name__ in out and out[inner.__name__][1] != path:
            raise ValueError(f"{inner.__name__} is used at two paths; give each its own notes")
        out[inner.__name__] = (inner, path)
        _owners(inner, path + ".", out)


def _retarget(node: Any, models: set[str], plain: bool) -> Any:
    """``node`` with references to the evidence model and (for ``plain``) to the plain models."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            target = value
            if key == "$ref" and isinstance(value, str):
                name = value.rsplit("/", 1)[-1]
                if name == "Evidence":
                    target = "#/$defs/evidence_entry"
                elif plain and name in models:
                    target = f"#/$defs/{name}_plain"
            out[key] = _retarget(target, models, plain)
        return out
    if isinstance(node, list):
        return [_retarget(v, models, plain) for v in node]
    return node


def _body(prop: Schema, annotation: Any, name: str) -> Schema:
    """A property's own schema without pydantic's title and default, with ``any`` for a list of
    countries and the corporate number's pattern."""
    body = {k: v for k, v in prop.items() if k not in ("title", "default", "description")}
    if _is_countries(annotation):
        body = {"anyOf": [*body.get("anyOf", [body]), {"const": "any"}]}
    if name == "corporate_number":
        for branch in body.get("anyOf", [body]):
            if branch.get("type") == "string":
                branch["pattern"] = CORPORATE_NUMBER
    return body


def _note(path: str, name: str) -> tuple[str, str]:
    note = note_for(path)
    if note is None:
        raise ValueError(f"no bilingual note for {path}: add it to model.declaration_notes")
    ja, en = note
    if name == "corporate_number":
        en, ja = en + _CHECK_DIGIT[0], ja + _CHECK_DIGIT[1]
    return ja, en


def _model_defs(
    cls: type[BaseModel], path: str, raw: Schema, models: set[str]
) -> tuple[Schema, Schema]:
    """The wrappable and the plain definition of one model."""
    props: Schema = raw.get("properties", {})
    fields = {(f.alias or n): f for n, f in cls.model_fields.items()}
    open_: Schema = {}
    plain: Schema = {}
    for name, prop in props.items():
        f = fields[name]
        sub = f"{path}.{name}"
        if name == "evidence" and _model(f.annotation) is not None:
            open_[name] = plain[name] = evidence_property(_note(sub, name))
            continue
        ja, en = _note(sub, name)
        if _is_countries(f.annotation):
            en, ja = f"{en}. {_ANY[1]}", f"{ja}。{_ANY[0]}"
        body = _body(prop, f.annotation, name)
        inside = _retarget(body, models, plain=True)
        plain[name] = described((ja, en), copy.deepcopy(inside))
        forms = wrapped(_retarget(body, models, plain=False), inside, sub, _is_list(f.annotation))
        open_[name] = described((ja, en), {"anyOf": forms})
    keep = {k: v for k, v in raw.items() if k not in ("properties", "title", "description")}
    return {**keep, "properties": open_}, {**keep, "properties": plain}


def declaration_schema() -> Schema:
    """The JSON Schema of the declaration, format 2.0 (deterministic: same model, same dict)."""
    raw = Declaration.model_json_schema(mode="validation")
    owners: dict[str, tuple[type[BaseModel], str]] = {}
    _owners(Declaration, "", owners)
    models = set(owners)
    defs: Schema = {}
    for name, schema in raw["$defs"].items():
        if name == "Evidence":
            continue
        if name in owners:
            cls, path = owners[name]
            defs[name], defs[f"{name}_plain"] = _model_defs(cls, path, schema, models)
        else:
            defs[name] = schema
    defs.update(form_defs())
    properties: Schema = {}
    fields = Declaration.model_fields
    for name, prop in raw["properties"].items():
        note = _note(name, name)
        if name == "schema_version":
            properties[name] = described(note, {"enum": list(VERSIONS)})
        else:
            body = _body(prop, fields[name].annotation, name)
            properties[name] = described(note, _retarget(body, models, plain=False))
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        "title": "aiprocure declaration 2.0",
        **described(_ROOT),
        "type": "object",
        "properties": properties,
        "required": ["schema_version"],
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }
