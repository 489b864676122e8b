"""What a checklist may name in a declaration: field paths, their types and allowed values."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

from aiprocure.model.declaration import Declaration, Section


@dataclass(frozen=True)
class FieldInfo:
    path: str
    many: bool  # the path yields a list (a list field, or a `[]` step)
    kind: str  # "text", "number", "bool", "date", "enum", "object", "other"
    choices: tuple[str, ...] | None  # allowed values for enums and literals


def unwrap_annotation(tp: Any) -> tuple[Any, bool]:
    """Remove Annotated/Optional; say whether a list wraps it."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return unwrap_annotation(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return unwrap_annotation(args[0])
        return tp, False
    if origin is list:
        inner, _ = unwrap_annotation(typing.get_args(tp)[0])
        return inner, True
    return tp, False


def value_kind(tp: Any) -> tuple[str, tuple[str, ...] | None]:
    import datetime

    if isinstance(tp, type) and issubclass(tp, Enum):
        return "enum", tuple(str(m.value) for m in tp)
    if typing.get_origin(tp) is typing.Literal:
        return "enum", tuple(str(a) for a in typing.get_args(tp))
    if tp is bool:
        return "bool", None
    if tp in (int, float):
        return "number", None
    if tp is str:
        return "text", None
    if tp is datetime.date:
        return "date", None
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return "object", None
    return "other", None


def field_info(path: str, root: type[BaseModel] = Declaration) -> FieldInfo | str:
    """Resolve a dotted path (``a.b[].c``) against the declaration schema, or say what is wrong."""
    current: Any = root
    many = False
    steps = path.split(".")
    for i, step in enumerate(steps):
        name, mapped = (step[:-2], True) if step.endswith("[]") else (step, False)
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return f"{'.'.join(steps[:i])!r} has no fields"
        fields = current.model_fields
        if name not in fields:
            import difflib

            close = difflib.get_close_matches(name, list(fields), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            where = ".".join(steps[:i]) or "the declaration"
            return f"unknown field {name!r} in {where}{hint}"
        inner, is_list = unwrap_annotation(fields[name].annotation)
        if mapped and not is_list:
            return f"{'.'.join([*steps[:i], name])!r} is not a list; remove '[]'"
        if is_list and not mapped and i < len(steps) - 1:
            return f"{'.'.join([*steps[:i], name])!r} is a list; write '{name}[]' to look inside it"
        many = many or is_list
        current = inner
    kind, choices = value_kind(current)
    return FieldInfo(path=path, many=many, kind=kind, choices=choices)


def sections() -> list[str]:
    """Top-level declaration sections that can carry `evidence:`."""
    out = []
    for name, f in Declaration.model_fields.items():
        inner, _ = unwrap_annotation(f.annotation)
        if isinstance(inner, type) and issubclass(inner, Section):
            out.append(name)
    return out
