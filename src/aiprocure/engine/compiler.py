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

from collections.abc import Callable
from typing import Any

from aiprocure.engine.context import Context, Observations
from aiprocure.engine.leaves import LEAVES, Check, Result
from aiprocure.engine.predicates import PREDICATES
from aiprocure.model.checklist import All, Any_, Condition, Not, Predicate
from aiprocure.model.ruleset import Ruleset

__all__ = ["Check", "Result", "compile_condition"]


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
    **LEAVES,
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
