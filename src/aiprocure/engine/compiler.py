"""Conditions compiled once per rule set into plain Python closures.

``compile_condition(cond, ruleset)`` turns a condition tree into a function of the declaration's
data and the ``observed`` dict it records every field it reads into (as ``Context.get`` does).
Evaluating is then a few direct calls per rule; inline value sets, named lists, parameters and
regular expressions are looked up once, here. No code is generated: checklists may be custom and
untrusted.

Three-valued logic: None means "the facts needed are unanswered". ``all`` is False if any part is
False, else None if any part is None; ``any`` is True if any part is True, else None if any is
None; ``not`` keeps None. So an unanswered fact never turns into a pass. ``all`` and ``any``
evaluate every part (so every field they name is observed), a field path is resolved as
``Context.get`` resolves it, and an error (an unknown parameter, an unhashable value in a set
test) surfaces while evaluating, not while compiling. The tests keep a tree-walking reference
interpreter and check the closures against it.

A compiled condition captures the rule set's lists and parameters as they are when it is
compiled: ``engine.compile_ruleset`` compiles every condition of a rule set once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from aiprocure.engine.context import Context, Observations, reader
from aiprocure.engine.predicates import PREDICATES
from aiprocure.model.checklist import (
    All,
    AllIn,
    Any_,
    AtLeast,
    AtMost,
    Condition,
    ContainsAll,
    Equals,
    Matches,
    NoneIn,
    NonEmpty,
    Not,
    OneOf,
    Predicate,
    Present,
    Scalar,
    _Bound,
    _ValueSet,
)
from aiprocure.model.ruleset import Ruleset

Result = bool | None
Check = Callable[[dict[str, Any], Observations], Result]


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _values(vs: _ValueSet, ruleset: Ruleset) -> frozenset[Scalar]:
    if vs.values is not None:
        return frozenset(vs.values)
    return ruleset.lists.get(vs.named or "", frozenset())


def _bound(b: _Bound, ruleset: Ruleset) -> tuple[bool, float]:
    """(True, the bound), or (False, 0) for a parameter the rule set lacks: that one is looked up
    (and raises) when evaluated, as the interpreter did."""
    if b.value is not None:
        return True, float(b.value)
    name = b.param or ""
    if name in ruleset.parameter_values:
        return True, ruleset.parameter_values[name]
    return False, 0.0


def _equals(cond: Equals, ruleset: Ruleset) -> Check:
    read = reader(cond.equals.field)
    target = cond.equals.value

    def equals(data: dict[str, Any], observed: Observations) -> Result:
        v = read(data, observed)
        return None if v is None else v == target

    return equals


def _one_of(cond: OneOf, ruleset: Ruleset) -> Check:
    read = reader(cond.one_of.field)
    allowed = _values(cond.one_of, ruleset)

    def one_of(data: dict[str, Any], observed: Observations) -> Result:
        v = read(data, observed)
        if v is None:
            return None
        if isinstance(v, list):
            return all(x in allowed for x in v) and v != []
        return v in allowed

    return one_of


def _all_in(cond: AllIn, ruleset: Ruleset) -> Check:
    read = reader(cond.all_in.field)
    allowed = _values(cond.all_in, ruleset)

    def all_in(data: dict[str, Any], observed: Observations) -> Result:
        v = read(data, observed)
        if v is None:
            return None
        if isinstance(v, list):
            return all(x in allowed for x in v)
        return v in allowed

    return all_in


def _none_in(cond: NoneIn, ruleset: Ruleset) -> Check:
    read = reader(cond.none_in.field)
    banned = _values(cond.none_in, ruleset)

    def none_in(data: dict[str, Any], observed: Observations) -> Result:
        v = read(data, observed)
        if v is None:
            return None
        if isinstance(v, list):
            return not any(x in banned for x in v)
        return v not in banned

    return none_in


def _contains_all(cond: ContainsAll, ruleset: Ruleset) -> Check:
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


def _at_least(cond: AtLeast, ruleset: Ruleset) -> Check:
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


def _at_most(cond: AtMost, ruleset: Ruleset) -> Check:
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


def _present(cond: Present, ruleset: Ruleset) -> Check:
    read = reader(cond.present.field)

    def present(data: dict[str, Any], observed: Observations) -> Result:
        # Silence is "unanswered", never a failure of its own: present() is True or unknown.
        return True if read(data, observed) is not None else None

    return present


def _non_empty(cond: NonEmpty, ruleset: Ruleset) -> Check:
    read = reader(cond.non_empty.field)

    def non_empty(data: dict[str, Any], observed: Observations) -> Result:
        v = read(data, observed)
        return None if v is None else v != []

    return non_empty


def _matches(cond: Matches, ruleset: Ruleset) -> Check:
    read = reader(cond.matches.field)
    pattern = cond.matches.pattern
    try:
        rx: re.Pattern[str] | None = _regex(pattern)
    except re.error:
        rx = None  # raise where the interpreter raised: when the field is answered

    def matches(data: dict[str, Any], observed: Observations) -> Result:
        v = read(data, observed)
        if v is None:
            return None
        search = (_regex(pattern) if rx is None else rx).search
        return all(search(str(x)) is not None for x in (v if isinstance(v, list) else [v]))

    return matches


def _predicate(cond: Predicate, ruleset: Ruleset) -> Check:
    name = cond.predicate.name
    args = dict(cond.predicate.args)

    def predicate(data: dict[str, Any], observed: Observations) -> Result:
        # Predicates read through a Context; it shares the rule's observed dict.
        return PREDICATES[name].fn(Context(data, ruleset, observed), dict(args))

    return predicate


def _all(cond: All, ruleset: Ruleset) -> Check:
    parts = tuple(compile_condition(c, ruleset) for c in cond.all)
    if len(parts) == 1:
        (only,) = parts

        def all1(data: dict[str, Any], observed: Observations) -> Result:
            r = only(data, observed)
            return r if r is False or r is None else True

        return all1
    if len(parts) == 2:
        p, q = parts

        def all2(data: dict[str, Any], observed: Observations) -> Result:
            r = p(data, observed)
            s = q(data, observed)
            if r is False or s is False:
                return False
            return None if r is None or s is None else True

        return all2

    def all_n(data: dict[str, Any], observed: Observations) -> Result:
        failed = unknown = False
        for part in parts:  # every part, so the finding shows every field
            r = part(data, observed)
            if r is False:
                failed = True
            elif r is None:
                unknown = True
        if failed:
            return False
        return None if unknown else True

    return all_n


def _any(cond: Any_, ruleset: Ruleset) -> Check:
    parts = tuple(compile_condition(c, ruleset) for c in cond.any)
    if len(parts) == 2:
        p, q = parts

        def any2(data: dict[str, Any], observed: Observations) -> Result:
            r = p(data, observed)
            s = q(data, observed)
            if r is True or s is True:
                return True
            return None if r is None or s is None else False

        return any2

    def any_n(data: dict[str, Any], observed: Observations) -> Result:
        met = unknown = False
        for part in parts:  # every part, so the finding shows every field
            r = part(data, observed)
            if r is True:
                met = True
            elif r is None:
                unknown = True
        if met:
            return True
        return None if unknown else False

    return any_n


def _not(cond: Not, ruleset: Ruleset) -> Check:
    inner = compile_condition(cond.not_, ruleset)

    def not_(data: dict[str, Any], observed: Observations) -> Result:
        r = inner(data, observed)
        return None if r is None else not r

    return not_


_COMPILERS: dict[type, Callable[[Any, Ruleset], Check]] = {
    Equals: _equals,
    OneOf: _one_of,
    AllIn: _all_in,
    NoneIn: _none_in,
    ContainsAll: _contains_all,
    AtLeast: _at_least,
    AtMost: _at_most,
    Present: _present,
    NonEmpty: _non_empty,
    Matches: _matches,
    Predicate: _predicate,
    All: _all,
    Any_: _any,
    Not: _not,
}


def compile_condition(cond: Condition, ruleset: Ruleset) -> Check:
    """``cond`` as a function of (data, observed) -> True/False/None, for this rule set."""
    fn = _COMPILERS.get(type(cond))
    if fn is not None:
        return fn(cond, ruleset)
    for kind, fn in _COMPILERS.items():  # subclasses of a condition class
        if isinstance(cond, kind):
            return fn(cond, ruleset)
    raise TypeError(f"unknown condition {type(cond).__name__}")  # pragma: no cover
