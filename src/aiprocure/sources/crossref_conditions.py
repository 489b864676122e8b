"""The cross-checks of one checklist condition tree, node by node: the fields, values,
parameters, patterns and predicate arguments it names (used by ``sources.crossref``)."""

from __future__ import annotations

from typing import Protocol

from aiprocure.model.conditions import (
    All,
    AllIn,
    Any_,
    AtLeast,
    AtMost,
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
    Scalar,
    ValueSet,
)
from aiprocure.model.fields import FieldInfo
from aiprocure.model.predicates import SIGNATURES
from aiprocure.model.regex import PatternError, compile_pattern
from aiprocure.sources.yamlsrc import Document


class Checker(Protocol):
    """What a condition check uses of ``sources.crossref``'s checker (defined above this module,
    so that the two do not import each other)."""

    params: set[str]

    def at(self, doc: Document, loc: Loc, message: str, ja: str) -> None: ...
    def field(self, doc: Document, path: str, loc: Loc) -> FieldInfo | None: ...
    def valueset(self, doc: Document, args: ValueSet, loc: Loc) -> None: ...
    def check_values(
        self, doc: Document, info: FieldInfo | None, values: list[Scalar], loc: Loc
    ) -> None: ...


class _ConditionCheck(Fold[None]):
    """The checks of one condition tree, node by node (parts before their parent)."""

    def __init__(self, checker: Checker, doc: Document) -> None:
        self.checker = checker
        self.doc = doc

    def equals(self, c: Equals, at: Loc) -> None:
        info = self.checker.field(self.doc, c.equals.field, (*at, "equals"))
        self.checker.check_values(self.doc, info, [c.equals.value], (*at, "equals", "value"))

    def one_of(self, c: OneOf, at: Loc) -> None:
        self.checker.valueset(self.doc, c.one_of, (*at, "one_of"))

    def all_in(self, c: AllIn, at: Loc) -> None:
        self.checker.valueset(self.doc, c.all_in, (*at, "all_in"))

    def none_in(self, c: NoneIn, at: Loc) -> None:
        self.checker.valueset(self.doc, c.none_in, (*at, "none_in"))

    def contains_all(self, c: ContainsAll, at: Loc) -> None:
        self.checker.valueset(self.doc, c.contains_all, (*at, "contains_all"))

    def at_least(self, c: AtLeast, at: Loc) -> None:
        self._bound("at_least", c.at_least.field, c.at_least.param, at)

    def at_most(self, c: AtMost, at: Loc) -> None:
        self._bound("at_most", c.at_most.field, c.at_most.param, at)

    def _bound(self, name: str, path: str, param: str | None, at: Loc) -> None:
        checker, doc = self.checker, self.doc
        info = checker.field(doc, path, (*at, name))
        if info is not None and info.kind != "number":
            checker.at(
                doc,
                (*at, name, "field"),
                f"{name} needs a numeric field; {info.path} is {info.kind}",
                f"{name} には数値のフィールドが必要です（{info.path} は {info.kind}）",
            )
        if param is not None and param not in checker.params:
            known = ", ".join(sorted(checker.params))
            checker.at(
                doc,
                (*at, name, "param"),
                f"unknown parameter {param!r} (known: {known or 'none defined'})",
                f"不明なパラメータ {param!r} です（定義済み: {known or 'なし'}）",
            )

    def present(self, c: Present, at: Loc) -> None:
        self.checker.field(self.doc, c.present.field, (*at, "present"))

    def non_empty(self, c: NonEmpty, at: Loc) -> None:
        info = self.checker.field(self.doc, c.non_empty.field, (*at, "non_empty"))
        if info is not None and not info.many:
            self.checker.at(
                self.doc,
                (*at, "non_empty", "field"),
                f"non_empty needs a list field; {info.path} is not a list",
                f"non_empty にはリストのフィールドが必要です（{info.path} はリストではありません）",
            )

    def matches(self, c: Matches, at: Loc) -> None:
        self.checker.field(self.doc, c.matches.field, (*at, "matches"))
        try:
            compile_pattern(c.matches.pattern)
        except PatternError as exc:
            self.checker.at(self.doc, (*at, "matches", "pattern"), exc.en, exc.ja)

    def predicate(self, c: Predicate, at: Loc) -> None:
        name = c.predicate.name
        sig = SIGNATURES.get(name)
        if sig is None:
            known = ", ".join(sorted(SIGNATURES))
            self.checker.at(
                self.doc,
                (*at, "predicate", "name"),
                f"unknown predicate {name!r} (known: {known})",
                f"不明な述語 {name!r} です（定義済み: {known}）",
            )
            return
        for arg, value in c.predicate.args.items():
            if arg not in sig.args:
                self.checker.at(
                    self.doc,
                    (*at, "predicate", "args", arg),
                    f"predicate {name!r} takes no argument {arg!r}",
                    f"述語 {name!r} に引数 {arg!r} はありません",
                )
            elif not isinstance(value, sig.args[arg]):
                self.checker.at(
                    self.doc,
                    (*at, "predicate", "args", arg),
                    f"argument {arg!r} must be {sig.args[arg].__name__}",
                    f"引数 {arg!r} は {sig.args[arg].__name__} 型にしてください",
                )

    def all(self, c: All, parts: list[None], at: Loc) -> None:
        pass  # its parts are checked

    def any(self, c: Any_, parts: list[None], at: Loc) -> None:
        pass

    def not_(self, c: Not, inner: None, at: Loc) -> None:
        pass
