"""Conditions in words, for `explain`, the rule catalogue and reports."""

from __future__ import annotations

from typing import assert_never

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
    _Bound,
    _ValueSet,
)
from aiprocure.model.common import Lang


def _set(vs: _ValueSet) -> str:
    if vs.named is not None:
        return f"@{vs.named}"
    return "{" + ", ".join(str(v) for v in vs.values or []) + "}"


def _bound(b: _Bound) -> str:
    return str(b.value) if b.param is None else f"${b.param}"


def describe(cond: Condition, lang: Lang) -> str:
    """One line per condition; nested ``all``/``any``/``not`` in brackets."""
    ja = lang is Lang.JA
    if isinstance(cond, Equals):
        return f"`{cond.equals.field}` = {cond.equals.value}"
    if isinstance(cond, OneOf):
        a = cond.one_of
        return f"`{a.field}` が {_set(a)} のいずれか" if ja else f"`{a.field}` is one of {_set(a)}"
    if isinstance(cond, AllIn):
        a = cond.all_in
        return (
            f"`{a.field}` の全要素が {_set(a)} に含まれる"
            if ja
            else f"every `{a.field}` is in {_set(a)}"
        )
    if isinstance(cond, NoneIn):
        a = cond.none_in
        return (
            f"`{a.field}` のどの要素も {_set(a)} に含まれない"
            if ja
            else f"no `{a.field}` is in {_set(a)}"
        )
    if isinstance(cond, ContainsAll):
        a = cond.contains_all
        return (
            f"`{a.field}` が {_set(a)} を全て含む"
            if ja
            else f"`{a.field}` includes all of {_set(a)}"
        )
    if isinstance(cond, AtLeast):
        return f"`{cond.at_least.field}` ≥ {_bound(cond.at_least)}"
    if isinstance(cond, AtMost):
        return f"`{cond.at_most.field}` ≤ {_bound(cond.at_most)}"
    if isinstance(cond, Present):
        f = cond.present.field
        return f"`{f}` が回答されている" if ja else f"`{f}` is answered"
    if isinstance(cond, NonEmpty):
        f = cond.non_empty.field
        return f"`{f}` に1件以上ある" if ja else f"`{f}` lists at least one item"
    if isinstance(cond, Matches):
        m = cond.matches
        return (
            f"`{m.field}` が /{m.pattern}/ に一致" if ja else f"`{m.field}` matches /{m.pattern}/"
        )
    if isinstance(cond, Predicate):
        args = ", ".join(f"{k}={v}" for k, v in sorted(cond.predicate.args.items()))
        return f"{cond.predicate.name}({args})"
    if isinstance(cond, All):
        parts = " ; ".join(describe(c, lang) for c in cond.all)
        return f"全て満たす [{parts}]" if ja else f"all of [{parts}]"
    if isinstance(cond, Any_):
        parts = " ; ".join(describe(c, lang) for c in cond.any)
        return f"いずれかを満たす [{parts}]" if ja else f"any of [{parts}]"
    if isinstance(cond, Not):
        inner = describe(cond.not_, lang)
        return f"次を満たさない [{inner}]" if ja else f"not [{inner}]"
    assert_never(cond)
