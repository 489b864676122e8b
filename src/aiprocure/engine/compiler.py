"""Conditions compiled once per rule set into plain Python closures.

``compile_condition(cond, ruleset)`` turns a condition tree into a function of the declaration's
data and the ``observed`` dict it records every field it reads into (as ``Context.get`` does).
Evaluating is then a few direct calls per rule; inline value sets, named lists, parameters and
regular expressions are looked up once, here. No code is generated: checklists may be custom and
untrusted. The tree is read with the model's one walker (``model.conditions.fold``): ``_Compiler``
has one method per operator, the leaves' compilers are in ``engine.leaves``, and field paths are
parsed and resolved by ``model.fields`` (``engine.context.reader``).

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

from typing import Any

from aiprocure.engine import leaves
from aiprocure.engine.context import Context, Observations, declaration_reads
from aiprocure.engine.leaves import Check, Result
from aiprocure.engine.predicates import PREDICATES
from aiprocure.model.conditions import (
    All,
    AllIn,
    Any_,
    AtLeast,
    AtMost,
    Condition,
    ContainsAll,
    Equals,
    Fold,
    Loc,
    Matches,
    NoneIn,
    NonEmpty,
    Not,
    OneOf,
    Predicate,
    Present,
    fold,
)
from aiprocure.model.ruleset import Ruleset

__all__ = ["Check", "Result", "Shared", "compile_condition", "compile_shared"]


def _predicate(cond: Predicate, ruleset: Ruleset) -> Check:
    name = cond.predicate.name
    args = dict(cond.predicate.args)
    spec = PREDICATES.get(name)
    if spec is None:  # an unknown name raises where the interpreter raised: when evaluated

        def unknown(data: dict[str, Any], observed: Observations) -> Result:
            return PREDICATES[name].fn(Context(data, ruleset, observed), dict(args))

        return unknown
    fn = spec.fn

    def predicate(data: dict[str, Any], observed: Observations) -> Result:
        # Predicates read through a Context; it shares the rule's observed dict, and the facts
        # read so far in this assessment.
        return fn(Context(data, ruleset, observed, declaration_reads(data)), dict(args))

    return predicate


def _all(parts: tuple[Check, ...]) -> Check:
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


def _any(parts: tuple[Check, ...]) -> Check:
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


def _not(inner: Check) -> Check:

    def not_(data: dict[str, Any], observed: Observations) -> Result:
        r = inner(data, observed)
        return None if r is None else not r

    return not_


class _Compiler(Fold[Check]):
    """Each node compiled once its parts are (``model.conditions.fold``): the fold runs once per
    condition when a rule set is compiled, never while a declaration is evaluated."""

    def __init__(self, ruleset: Ruleset) -> None:
        self.ruleset = ruleset

    def equals(self, c: Equals, at: Loc) -> Check:
        return leaves.compile_equals(c, self.ruleset)

    def one_of(self, c: OneOf, at: Loc) -> Check:
        return leaves.compile_one_of(c, self.ruleset)

    def all_in(self, c: AllIn, at: Loc) -> Check:
        return leaves.compile_all_in(c, self.ruleset)

    def none_in(self, c: NoneIn, at: Loc) -> Check:
        return leaves.compile_none_in(c, self.ruleset)

    def contains_all(self, c: ContainsAll, at: Loc) -> Check:
        return leaves.compile_contains_all(c, self.ruleset)

    def at_least(self, c: AtLeast, at: Loc) -> Check:
        return leaves.compile_at_least(c, self.ruleset)

    def at_most(self, c: AtMost, at: Loc) -> Check:
        return leaves.compile_at_most(c, self.ruleset)

    def present(self, c: Present, at: Loc) -> Check:
        return leaves.compile_present(c, self.ruleset)

    def non_empty(self, c: NonEmpty, at: Loc) -> Check:
        return leaves.compile_non_empty(c, self.ruleset)

    def matches(self, c: Matches, at: Loc) -> Check:
        return leaves.compile_matches(c, self.ruleset)

    def predicate(self, c: Predicate, at: Loc) -> Check:
        return _predicate(c, self.ruleset)

    def all(self, c: All, parts: list[Check], at: Loc) -> Check:
        return _all(tuple(parts))

    def any(self, c: Any_, parts: list[Check], at: Loc) -> Check:
        return _any(tuple(parts))

    def not_(self, c: Not, inner: Check, at: Loc) -> Check:
        return _not(inner)


def compile_condition(cond: Condition, ruleset: Ruleset) -> Check:
    """``cond`` as a function of (data, observed) -> True/False/None, for this rule set."""
    return fold(cond, _Compiler(ruleset))


# Conditions compiled for one rule set, by their text: equal conditions share one closure.
Shared = dict[str, Check]


def compile_shared(cond: Condition, ruleset: Ruleset, shared: Shared | None) -> Check:
    """``compile_condition``, with one closure for all equal conditions compiled into ``shared``
    (None: a closure of its own). Many rules share an ``applies_if`` or a ``severity_by`` row;
    ``engine.findings.run_rules`` evaluates each such closure once per declaration."""
    if shared is None:
        return compile_condition(cond, ruleset)
    key = f"{type(cond).__name__}{cond.model_dump_json()}"
    check = shared.get(key)
    if check is None:
        check = shared[key] = compile_condition(cond, ruleset)
    return check
