"""The leaves of the condition language compiled into closures: tests of one declared field
against a value, a value set, a bound or a pattern. See ``engine.compiler`` for the semantics."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiprocure.engine.context import Observations, reader
from aiprocure.model.conditions import (
    AllIn,
    AtLeast,
    AtMost,
    Bound,
    ContainsAll,
    Equals,
    Matches,
    NoneIn,
    NonEmpty,
    OneOf,
    Present,
    Scalar,
    ValueSet,
)
from aiprocure.model.regex import PatternError, Regex, compile_pattern
from aiprocure.model.ruleset import Ruleset

Result = bool | None
Check = Callable[[dict[str, Any], Observations], Result]


def _values(vs: ValueSet, ruleset: Ruleset) -> frozenset[Scalar]:
    if vs.values is not None:
        return frozenset(vs.values)
    return ruleset.lists.get(vs.named or "", frozenset())


def _bound(b: Bound, ruleset: Ruleset) -> tuple[bool, float]:
    """(True, the bound), or (False, 0) for a parameter the rule set lacks: that one is looked up
    (and raises) when evaluated, as the interpreter did."""
    if b.value is not None:
        return True, float(b.value)
    name = b.param or ""
    if name in ruleset.parameter_values:
        return True, ruleset.parameter_values[name]
    return False, 0.0


def compile_equals(cond: Equals, ruleset: Ruleset) -> Check:
    read = reader(cond.equals.field)
    target = cond.equals.value

    def equals(data: dict[str, Any], observed: Observations) -> Result:
        v = read(data, observed)
        return None if v is None else v == target

    return equals


def compile_one_of(cond: OneOf, ruleset: Ruleset) -> Check:
    read = reader(cond.one_of.field)
    allowed = _values(cond.one_of, ruleset)

    def one_of(data: dict[str, Any], observed: Observations) -> Result:
        v = read(data, observed)
        if v is None:
            return None
        if isinstance(v, list):  # item by item, as ``all(x in allowed for x in v)``
            return allowed.issuperset(v) and v != []
        return v in allowed

    return one_of


def compile_all_in(cond: AllIn, ruleset: Ruleset) -> Check:
    read = reader(cond.all_in.field)
    allowed = _values(cond.all_in, ruleset)

    def all_in(data: dict[str, Any], observed: Observations) -> Result:
        v = read(data, observed)
        if v is None:
            return None
        if isinstance(v, list):  # item by item, stopping where ``all(...)`` would
            return allowed.issuperset(v)
        return v in allowed

    return all_in


def compile_none_in(cond: NoneIn, ruleset: Ruleset) -> Check:
    read = reader(cond.none_in.field)
    banned = _values(cond.none_in, ruleset)

    def none_in(data: dict[str, Any], observed: Observations) -> Result:
        v = read(data, observed)
        if v is None:
            return None
        if isinstance(v, list):  # item by item, stopping where ``any(...)`` would
            return banned.isdisjoint(v)
        return v not in banned

    return none_in


def compile_contains_all(cond: ContainsAll, ruleset: Ruleset) -> Check:
    read = reader(cond.contains_all.field)
    required = _values(cond.contains_all, ruleset)

    def contains_all(data: dict[str, Any], observed: Observations) -> Result:
        v = read(data, observed)
        if v is None:
            return None
        return required <= set(v if isinstance(v, list) else [v])

    return contains_all


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def compile_at_least(cond: AtLeast, ruleset: Ruleset) -> Check:
    args = cond.at_least
    read = reader(args.field)
    known, low = _bound(args, ruleset)
    if known:

        def at_least(data: dict[str, Any], observed: Observations) -> Result:
            n = _number(read(data, observed))
            return None if n is None else n >= low

        return at_least
    values, name = ruleset.parameter_values, args.param or ""

    def at_least_param(data: dict[str, Any], observed: Observations) -> Result:
        n = _number(read(data, observed))
        return None if n is None else n >= values[name]

    return at_least_param


def compile_at_most(cond: AtMost, ruleset: Ruleset) -> Check:
    args = cond.at_most
    read = reader(args.field)
    known, high = _bound(args, ruleset)
    if known:

        def at_most(data: dict[str, Any], observed: Observations) -> Result:
            n = _number(read(data, observed))
            return None if n is None else n <= high

        return at_most
    values, name = ruleset.parameter_values, args.param or ""

    def at_most_param(data: dict[str, Any], observed: Observations) -> Result:
        n = _number(read(data, observed))
        return None if n is None else n <= values[name]

    return at_most_param


def compile_present(cond: Present, ruleset: Ruleset) -> Check:
    read = reader(cond.present.field)

    def present(data: dict[str, Any], observed: Observations) -> Result:
        # Silence is "unanswered", never a failure of its own: present() is True or unknown.
        return True if read(data, observed) is not None else None

    return present


def compile_non_empty(cond: NonEmpty, ruleset: Ruleset) -> Check:
    read = reader(cond.non_empty.field)

    def non_empty(data: dict[str, Any], observed: Observations) -> Result:
        v = read(data, observed)
        return None if v is None else v != []

    return non_empty


def compile_matches(cond: Matches, ruleset: Ruleset) -> Check:
    read = reader(cond.matches.field)
    pattern = cond.matches.pattern
    try:
        rx: Regex | None = compile_pattern(pattern)  # RE2: linear time (model.regex)
    except PatternError:
        rx = None  # raise where the interpreter raised: when the field is answered

    def matches(data: dict[str, Any], observed: Observations) -> Result:
        v = read(data, observed)
        if v is None:
            return None
        search = (compile_pattern(pattern) if rx is None else rx).search
        return all(search(str(x)) is not None for x in (v if isinstance(v, list) else [v]))

    return matches
