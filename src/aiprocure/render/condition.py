"""Conditions in words, for `explain`, the rule catalogue and reports."""

from __future__ import annotations

from aiprocure.model.common import Lang
from aiprocure.model.conditions import (
    All,
    AllIn,
    Any_,
    AtLeast,
    AtMost,
    Bound,
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
    ValueSet,
    fold,
)
from aiprocure.render.i18n import t


def _set(vs: ValueSet) -> str:
    if vs.named is not None:
        return f"@{vs.named}"
    return "{" + ", ".join(str(v) for v in vs.values or []) + "}"


def _bound(b: Bound) -> str:
    return str(b.value) if b.param is None else f"${b.param}"


class _Words(Fold[str]):
    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def _set_phrase(self, key: str, vs: ValueSet) -> str:
        return t(key, self.lang, field=vs.field, values=_set(vs))

    def equals(self, c: Equals, at: Loc) -> str:
        return f"`{c.equals.field}` = {c.equals.value}"

    def one_of(self, c: OneOf, at: Loc) -> str:
        return self._set_phrase("cond.one_of", c.one_of)

    def all_in(self, c: AllIn, at: Loc) -> str:
        return self._set_phrase("cond.all_in", c.all_in)

    def none_in(self, c: NoneIn, at: Loc) -> str:
        return self._set_phrase("cond.none_in", c.none_in)

    def contains_all(self, c: ContainsAll, at: Loc) -> str:
        return self._set_phrase("cond.contains_all", c.contains_all)

    def at_least(self, c: AtLeast, at: Loc) -> str:
        return f"`{c.at_least.field}` ≥ {_bound(c.at_least)}"

    def at_most(self, c: AtMost, at: Loc) -> str:
        return f"`{c.at_most.field}` ≤ {_bound(c.at_most)}"

    def present(self, c: Present, at: Loc) -> str:
        return t("cond.present", self.lang, field=c.present.field)

    def non_empty(self, c: NonEmpty, at: Loc) -> str:
        return t("cond.non_empty", self.lang, field=c.non_empty.field)

    def matches(self, c: Matches, at: Loc) -> str:
        return t("cond.matches", self.lang, field=c.matches.field, pattern=c.matches.pattern)

    def predicate(self, c: Predicate, at: Loc) -> str:
        args = ", ".join(f"{k}={v}" for k, v in sorted(c.predicate.args.items()))
        return f"{c.predicate.name}({args})"

    def all(self, c: All, parts: list[str], at: Loc) -> str:
        return t("cond.all", self.lang, parts=" ; ".join(parts))

    def any(self, c: Any_, parts: list[str], at: Loc) -> str:
        return t("cond.any", self.lang, parts=" ; ".join(parts))

    def not_(self, c: Not, inner: str, at: Loc) -> str:
        return t("cond.not", self.lang, inner=inner)


def describe(cond: Condition, lang: Lang) -> str:
    """One line per condition; nested ``all``/``any``/``not`` in brackets."""
    return fold(cond, _Words(lang))
