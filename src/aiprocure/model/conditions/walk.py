"""The one walker of conditions: ``Fold`` (bottom-up, one method per operator), ``walk``
(pre-order nodes with their locations) and the accessors of a leaf's arguments."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import Generic, TypeVar, assert_never

from aiprocure.model.conditions.language import (
    All,
    AllIn,
    Any_,
    AtLeast,
    AtMost,
    Condition,
    ContainsAll,
    Equals,
    FieldCondition,
    Matches,
    NoneIn,
    NonEmpty,
    Not,
    OneOf,
    Predicate,
    Present,
    _Bound,
    _EqualsArgs,
    _FieldArg,
    _MatchesArgs,
    _ValueSet,
)
from aiprocure.model.predicates import SIGNATURES

Loc = tuple[str | int, ...]
T = TypeVar("T")


class Fold(ABC, Generic[T]):
    """A bottom-up reading of a condition: one method per operator.

    ``fold(cond, folder)`` calls the leaf methods with the node and its location (the keys that
    lead to it from where the fold started, as in the YAML: ``("all", 0, "not")``); the ``all``,
    ``any`` and ``not_`` methods get their parts already folded, in order.
    """

    @abstractmethod
    def equals(self, c: Equals, at: Loc) -> T: ...
    @abstractmethod
    def one_of(self, c: OneOf, at: Loc) -> T: ...
    @abstractmethod
    def all_in(self, c: AllIn, at: Loc) -> T: ...
    @abstractmethod
    def none_in(self, c: NoneIn, at: Loc) -> T: ...
    @abstractmethod
    def contains_all(self, c: ContainsAll, at: Loc) -> T: ...
    @abstractmethod
    def at_least(self, c: AtLeast, at: Loc) -> T: ...
    @abstractmethod
    def at_most(self, c: AtMost, at: Loc) -> T: ...
    @abstractmethod
    def present(self, c: Present, at: Loc) -> T: ...
    @abstractmethod
    def non_empty(self, c: NonEmpty, at: Loc) -> T: ...
    @abstractmethod
    def matches(self, c: Matches, at: Loc) -> T: ...
    @abstractmethod
    def predicate(self, c: Predicate, at: Loc) -> T: ...
    @abstractmethod
    def all(self, c: All, parts: list[T], at: Loc) -> T: ...
    @abstractmethod
    def any(self, c: Any_, parts: list[T], at: Loc) -> T: ...
    @abstractmethod
    def not_(self, c: Not, inner: T, at: Loc) -> T: ...


def fold(cond: Condition, folder: Fold[T], at: Loc = ()) -> T:
    """``cond`` read by ``folder``: parts first (in order), then the node."""
    match cond:
        case Equals():
            return folder.equals(cond, at)
        case OneOf():
            return folder.one_of(cond, at)
        case AllIn():
            return folder.all_in(cond, at)
        case NoneIn():
            return folder.none_in(cond, at)
        case ContainsAll():
            return folder.contains_all(cond, at)
        case AtLeast():
            return folder.at_least(cond, at)
        case AtMost():
            return folder.at_most(cond, at)
        case Present():
            return folder.present(cond, at)
        case NonEmpty():
            return folder.non_empty(cond, at)
        case Matches():
            return folder.matches(cond, at)
        case Predicate():
            return folder.predicate(cond, at)
        case All():
            parts = [fold(c, folder, (*at, "all", k)) for k, c in enumerate(cond.all)]
            return folder.all(cond, parts, at)
        case Any_():
            parts = [fold(c, folder, (*at, "any", k)) for k, c in enumerate(cond.any)]
            return folder.any(cond, parts, at)
        case Not():
            return folder.not_(cond, fold(cond.not_, folder, (*at, "not")), at)
        case _:
            assert_never(cond)


def walk(cond: Condition, at: Loc = ()) -> Iterator[tuple[Condition, Loc]]:
    """Every node of ``cond`` with its location, parent before parts (pre-order)."""
    yield cond, at
    if isinstance(cond, All):
        for k, c in enumerate(cond.all):
            yield from walk(c, (*at, "all", k))
    elif isinstance(cond, Any_):
        for k, c in enumerate(cond.any):
            yield from walk(c, (*at, "any", k))
    elif isinstance(cond, Not):
        yield from walk(cond.not_, (*at, "not"))


def operator(cond: Condition) -> str:
    """The operator's name as written in a checklist (``"one_of"``, ``"not"``, ...)."""
    return _OPERATOR_OF[type(cond)]


def args_of(cond: FieldCondition) -> _EqualsArgs | _ValueSet | _Bound | _FieldArg | _MatchesArgs:
    """The arguments of a field condition (each has ``field``)."""
    arg: _EqualsArgs | _ValueSet | _Bound | _FieldArg | _MatchesArgs = getattr(cond, operator(cond))
    return arg


def field_of(cond: Condition) -> str | None:
    """The declaration field a leaf tests; None for predicates and combinators."""
    if isinstance(cond, Predicate | All | Any_ | Not):
        return None
    return args_of(cond).field


def fields_of(cond: Condition) -> list[str]:
    """Every declaration field a condition names, in order; a predicate names the fields its
    signature reads (``model.predicates``), an unknown predicate none."""
    out: list[str] = []
    for c, _ in walk(cond):
        if isinstance(c, Predicate):
            sig = SIGNATURES.get(c.predicate.name)
            out.extend(sig.fields if sig else ())
        elif (path := field_of(c)) is not None:
            out.append(path)
    return out


def value_set_of(cond: Condition) -> _ValueSet | None:
    """The value set of ``one_of``, ``all_in``, ``none_in`` and ``contains_all``."""
    if isinstance(cond, OneOf | AllIn | NoneIn | ContainsAll):
        vs: _ValueSet = getattr(cond, operator(cond))
        return vs
    return None


def bound_of(cond: Condition) -> _Bound | None:
    """The bound of ``at_least`` and ``at_most``."""
    if isinstance(cond, AtLeast):
        return cond.at_least
    if isinstance(cond, AtMost):
        return cond.at_most
    return None


_OPERATOR_OF: dict[type, str] = {
    Equals: "equals",
    OneOf: "one_of",
    AllIn: "all_in",
    NoneIn: "none_in",
    ContainsAll: "contains_all",
    AtLeast: "at_least",
    AtMost: "at_most",
    Present: "present",
    NonEmpty: "non_empty",
    Matches: "matches",
    Predicate: "predicate",
    All: "all",
    Any_: "any",
    Not: "not",
}
