"""What a condition is evaluated against: the declaration's facts plus the rule set's lists."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiprocure.model.fields import resolve, steps_of
from aiprocure.model.findings import Observed
from aiprocure.model.ruleset import Ruleset

Observations = dict[str, Observed]
Reader = Callable[[Any, Observations], Any]


# What ``Context.get`` read at a path, and what a finding shows of it: per declaration.
Reads = dict[str, tuple[Any, Observed]]


@dataclass(slots=True)
class Context:
    data: dict[str, Any]  # the declaration as JSON-compatible data (model_dump(mode="json"))
    ruleset: Ruleset
    observed: dict[str, Observed] = field(default_factory=dict)
    # the paths already read from ``data`` (``declaration_reads``): None reads every time
    reads: Reads | None = None

    def get(self, path: str) -> Any:
        """The value at ``path``; None when any step is unanswered. ``[]`` maps over lists."""
        hit = None if self.reads is None else self.reads.get(path)
        value = resolve(self.data, steps_of(path), 0) if hit is None else hit[0]
        self.observed[path] = _shown_in(self.reads, path, value)
        return value


T = TypeVar("T")
# What is derived from one declaration's data for several rules (the chain of holders), built once
# per assessment: ``engine.assess`` opens the scope, which ends with it (nothing outlives one
# assessment, nothing leaks into another). Each entry keeps its data and rule set, so an identity
# is never reused while its entry lives; the data is never changed during an assessment.
_Memo = dict[tuple[str, int, int], tuple[dict[str, Any], Ruleset | None, Any]]
_MEMO: ContextVar[_Memo | None] = ContextVar("aiprocure_declaration_memo", default=None)


@contextmanager
def declaration_scope() -> Iterator[None]:
    """Share what ``derived`` builds between the rules of one assessment."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def derived(ctx: Context, name: str, build: Callable[[dict[str, Any], Ruleset], T]) -> T:
    """``build(ctx.data, ctx.ruleset)``, once per declaration inside ``declaration_scope`` (built
    anew outside it). What it returns is shared: callers only read it."""
    memo = _MEMO.get()
    if memo is None:
        return build(ctx.data, ctx.ruleset)
    key = (name, id(ctx.data), id(ctx.ruleset))
    hit = memo.get(key)
    if hit is not None and hit[0] is ctx.data and hit[1] is ctx.ruleset:
        value: T = hit[2]
        return value
    value = build(ctx.data, ctx.ruleset)
    memo[key] = (ctx.data, ctx.ruleset, value)
    return value


def declaration_reads(data: dict[str, Any]) -> Reads | None:
    """The paths ``Context.get`` read from ``data`` in this assessment (inside
    ``declaration_scope``; None outside it): predicates reading one fact share its reading and the
    form a finding shows it in (objects as JSON text, encoded once)."""
    memo = _MEMO.get()
    if memo is None:
        return None
    key = ("@reads", id(data), 0)
    hit = memo.get(key)
    if hit is not None and hit[0] is data:
        reads: Reads = hit[2]
        return reads
    reads = {}
    memo[key] = (data, None, reads)
    return reads


_SCALARS = (str, int, float, bool)


def _observable(value: Any) -> Observed:
    if isinstance(value, list):
        return [v if v is None or isinstance(v, _SCALARS) else _compact(v) for v in value]
    if value is None or isinstance(value, _SCALARS):
        return value
    return _compact(value)


# What json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(", ", ": ")) builds on
# every call (a third of its time).
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


def _compact(value: Any) -> str:
    """A nested object as one line of JSON, keys sorted (deterministic)."""
    return _ENCODER.encode(value)


# Values ``_observable`` returns unchanged; anything else (lists, objects, subclasses) goes through
# it. JSON data from ``model_dump(mode="json")`` is almost all of these exact types.
_PLAIN: frozenset[type] = frozenset({type(None), str, int, float, bool})


def _shown(path: str, value: Any, data: Any) -> Observed:
    """``_observable(value)``, the value at ``path`` in ``data``: made once per declaration inside
    ``declaration_scope`` (lists and objects; scalars are shown as they are)."""
    return _shown_in(declaration_reads(data) if type(data) is dict else None, path, value)


def _shown_in(reads: Reads | None, path: str, value: Any) -> Observed:
    """``_observable(value)``, kept in ``reads`` (None: made each time) with the value at
    ``path``; a list is each finding's own copy."""
    if reads is None:
        return _observable(value)
    hit = reads.get(path)
    if hit is None:
        hit = reads[path] = (value, _observable(value))
    seen = hit[1]
    return list(seen) if type(seen) is list else seen


def reader(path: str) -> Reader:
    """A function that resolves ``path`` in the data, records what it saw, and returns it."""
    steps = steps_of(path)
    if any(mapped for _, mapped in steps):

        def read_mapped(data: Any, observed: Observations) -> Any:
            v = resolve(data, steps, 0)
            observed[path] = v if type(v) in _PLAIN else _shown(path, v, data)
            return v

        return read_mapped
    # Plain paths (nearly all of them): the loop of ``resolve`` unrolled. A step into a missing key,
    # a None or a non-object answers None, exactly as there.
    names = tuple(name for name, _ in steps)
    if len(names) == 1:
        (a,) = names

        def read1(data: Any, observed: Observations) -> Any:
            v = data.get(a) if isinstance(data, dict) else None
            observed[path] = v if type(v) in _PLAIN else _shown(path, v, data)
            return v

        return read1
    if len(names) == 2:
        a, b = names

        def read2(data: Any, observed: Observations) -> Any:
            node = data.get(a) if isinstance(data, dict) else None
            v = node.get(b) if isinstance(node, dict) else None
            observed[path] = v if type(v) in _PLAIN else _shown(path, v, data)
            return v

        return read2
    if len(names) == 3:
        a, b, c = names

        def read3(data: Any, observed: Observations) -> Any:
            node = data.get(a) if isinstance(data, dict) else None
            node = node.get(b) if isinstance(node, dict) else None
            v = node.get(c) if isinstance(node, dict) else None
            observed[path] = v if type(v) in _PLAIN else _shown(path, v, data)
            return v

        return read3

    def read_n(data: Any, observed: Observations) -> Any:
        v = resolve(data, steps, 0)
        observed[path] = v if type(v) in _PLAIN else _shown(path, v, data)
        return v

    return read_n
