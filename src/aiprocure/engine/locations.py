"""Where a field path is in the declaration file (``file:line:col``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiprocure.engine.compiler import Check, compile_condition
from aiprocure.engine.severity import LEGACY_SPELLING, legacy_position
from aiprocure.model.conditions import All, Any_, Condition, Fold, Loc, Not, fields_of, fold
from aiprocure.model.fields import location_key
from aiprocure.model.findings import Location, maker
from aiprocure.model.ruleset import Ruleset
from aiprocure.sources.yamlsrc import Document

__all__ = ["Decider", "decider", "deciding_field", "location_of"]

_LOC_KEYS: dict[str, tuple[str | int, ...]] = {}
_new_location = maker(Location)


def location_of(doc: Document | None, path: str, file: str) -> Location:
    """Position of a field path in the declaration; a missing field points at its parent."""
    if doc is None:
        return _new_location({"file": file, "line": 1, "col": 1, "field": path})
    key = _LOC_KEYS.get(path)
    if key is None:
        key = location_key(path)
        if len(_LOC_KEYS) < 4096:
            _LOC_KEYS[path] = key
    (line, col), found = doc.locate(key)
    if found != key and key in LEGACY_SPELLING:  # a 1.0 key the model read as this one
        line, col = legacy_position(doc, key, (line, col))  # type: ignore[arg-type]
    # Every field is already of its type (1-based ints): skip re-validation.
    return _new_location({"file": file, "line": line, "col": col, "field": path})


@dataclass(frozen=True, slots=True)
class Decider:
    """A condition compiled part by part, to find the field whose value decided it."""

    check: Check
    kind: str  # "all", "any", "not" or "leaf"
    parts: tuple[Decider, ...]
    field: str | None  # a leaf's field (a predicate's first signature field)


class _Decide(Fold[Decider]):
    """``cond`` compiled with every part of it (the model's one walker)."""

    def __init__(self, ruleset: Ruleset) -> None:
        self.ruleset = ruleset

    def _leaf(self, c: Condition, at: Loc) -> Decider:
        fields = fields_of(c)
        return Decider(
            compile_condition(c, self.ruleset), "leaf", (), fields[0] if fields else None
        )

    equals = one_of = all_in = none_in = contains_all = _leaf
    at_least = at_most = present = non_empty = matches = predicate = _leaf

    def all(self, c: All, parts: list[Decider], at: Loc) -> Decider:
        return Decider(compile_condition(c, self.ruleset), "all", tuple(parts), None)

    def any(self, c: Any_, parts: list[Decider], at: Loc) -> Decider:
        return Decider(compile_condition(c, self.ruleset), "any", tuple(parts), None)

    def not_(self, c: Not, inner: Decider, at: Loc) -> Decider:
        return Decider(compile_condition(c, self.ruleset), "not", (inner,), None)


def decider(cond: Condition, ruleset: Ruleset) -> Decider:
    """``cond`` compiled with every part of it, for ``deciding_field``."""
    return fold(cond, _Decide(ruleset))


def deciding_field(d: Decider, data: dict[str, Any], want: bool = True) -> str | None:
    """The field of the first leaf whose value makes ``d`` come out ``want``: the first part of
    ``all`` or ``any`` that came out ``want`` (``not`` flips it); else the first part."""
    if d.kind == "leaf":
        return d.field
    if d.kind == "not":
        return deciding_field(d.parts[0], data, not want)
    for part in d.parts:  # in ``all`` and ``any`` alike, the first part that came out ``want``
        if part.check(data, {}) is want:
            return deciding_field(part, data, want)
    return deciding_field(d.parts[0], data, want) if d.parts else None
