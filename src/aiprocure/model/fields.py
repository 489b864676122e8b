"""Field paths (``a.b[].c``), resolved in one place: their syntax, their value in a declaration's
data, and what they name in the declaration schema (type, allowed values, or what is wrong).

The engine reads a declaration's data with ``steps_of``/``resolve``; the load-time cross-checks
and the catalogue ask the schema with ``field_info``/``section_of``.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

from aiprocure.model.declaration import Declaration, Section

Steps = tuple[tuple[str, bool], ...]

# Field paths come from checklists and predicates: a few hundred at most. Splitting them once
# instead of at every lookup (~80 per declaration) is a tenth of evaluating a rule.
_STEPS: dict[str, Steps] = {}
_STEPS_MAX = 4096


def steps_of(path: str) -> Steps:
    """``a.b[].c`` -> ``(("a", False), ("b", True), ("c", False))``, cached."""
    steps = _STEPS.get(path)
    if steps is None:
        steps = tuple(
            (step[:-2], True) if step.endswith("[]") else (step, False) for step in path.split(".")
        )
        if len(_STEPS) < _STEPS_MAX:
            _STEPS[path] = steps
    return steps


def keys_of(path: str) -> tuple[str, ...]:
    """The mapping keys a path passes through, without ``[]``: where it sits in the YAML."""
    return tuple(name for name, _ in steps_of(path))


def location_key(path: str) -> tuple[str | int, ...]:
    """Where a path sits in the YAML, list positions included: ``a.b[2].c`` -> ``("a", "b", 2,
    "c")``; ``[]`` (every item) is dropped. Predicates that name the one fact behind their answer
    give such indexed paths."""
    key: list[str | int] = []
    for step in path.split("."):
        name, _, rest = step.partition("[")
        key.append(name)
        for index in rest.rstrip("]").split("]["):
            if index.isdigit():
                key.append(int(index))
    return tuple(key)


def section_of(path: str) -> str:
    """The top-level declaration section a path starts in."""
    return steps_of(path)[0][0]


def resolve(node: Any, steps: Steps, i: int = 0) -> Any:
    """The value at ``steps`` in JSON-like data; None when any step is unanswered. ``[]`` maps
    over a list (nested lists flattened); one unanswered item makes the whole answer None."""
    n = len(steps)
    while i < n:
        name, mapped = steps[i]
        if not isinstance(node, dict):
            return None
        value = node.get(name)
        if value is None:
            return None
        i += 1
        if mapped:
            if not isinstance(value, list):
                return None
            flat: list[Any] = []
            for item in value:
                found = resolve(item, steps, i)
                if found is None:
                    return None  # one item left this unanswered: the whole answer is incomplete
                if isinstance(found, list):
                    flat.extend(found)
                else:
                    flat.append(found)
            return flat
        node = value
    return node


def value_at(data: Any, path: str) -> Any:
    """``resolve`` by path."""
    return resolve(data, steps_of(path))


@dataclass(frozen=True)
class PathProblem:
    """What is wrong with a field path, in both languages."""

    en: str
    ja: str


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


def field_info(path: str, root: type[BaseModel] = Declaration) -> FieldInfo | PathProblem:
    """Resolve a dotted path (``a.b[].c``) against the declaration schema, or say what is wrong."""
    current: Any = root
    many = False
    steps = steps_of(path)
    raw = path.split(".")  # messages quote the steps as written, `[]` and all
    for i, (name, mapped) in enumerate(steps):
        before = ".".join(raw[:i])
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return PathProblem(
                f"{before!r} has no fields", f"{before!r} にはフィールドがありません"
            )
        fields = current.model_fields
        if name not in fields:
            import difflib  # only on this error path: kept off start-up

            close = difflib.get_close_matches(name, list(fields), n=1)
            return PathProblem(
                f"unknown field {name!r} in {before or 'the declaration'}"
                + (f"; did you mean {close[0]!r}?" if close else ""),
                f"不明なフィールド {name!r} です（{before or '申告書'}）"
                + (f"。{close[0]!r} の誤りではありませんか？" if close else ""),
            )
        inner, is_list = unwrap_annotation(fields[name].annotation)
        here = ".".join([*raw[:i], name])
        if mapped and not is_list:
            return PathProblem(
                f"{here!r} is not a list; remove '[]'",
                f"{here!r} はリストではありません。'[]' を外してください",
            )
        if is_list and not mapped and i < len(steps) - 1:
            return PathProblem(
                f"{here!r} is a list; write '{name}[]' to look inside it",
                f"{here!r} はリストです。中を見るには '{name}[]' と書いてください",
            )
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
