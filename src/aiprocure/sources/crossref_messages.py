"""The load-time check of a rule's message placeholders (``engine.messages`` fills them): each
names a slot the rule's check can fill, or a declaration field; a brace word that is neither is
an error, so a typo never reaches a reader as ``{limt}``."""

from __future__ import annotations

import re

from aiprocure.model.checklist import Rule
from aiprocure.model.conditions import (
    AllIn,
    AtLeast,
    AtMost,
    ContainsAll,
    Equals,
    NoneIn,
    OneOf,
    walk,
)
from aiprocure.model.fields import PathProblem, field_info
from aiprocure.model.value_names import PLACEHOLDER

_BRACED = re.compile(r"\{[A-Za-z_]+(?::[^{}]*)?\}")

# slot -> the leaves that fill it
_FILLED_BY: dict[str, tuple[type, ...]] = {
    "limit": (AtLeast, AtMost),
    "value": (AtLeast, AtMost, OneOf, AllIn, NoneIn, ContainsAll, Equals),
    "expected": (OneOf, AllIn, NoneIn, ContainsAll, Equals),
    "missing": (ContainsAll,),
    "outside": (OneOf, AllIn),
    "found": (NoneIn,),
}


def message_problems(rule: Rule) -> list[tuple[str, str]]:
    """(English, Japanese) for each placeholder of ``rule.message`` the rule cannot fill."""
    if rule.message is None:
        return []
    leaves = {type(c) for c, _ in walk(rule.check)}
    out: list[tuple[str, str]] = []
    for text in (rule.message.en, rule.message.ja):
        for braced in _BRACED.findall(text):
            m = PLACEHOLDER.fullmatch(braced)
            if m is None:
                out.append(
                    (
                        f"unknown placeholder {braced} in the message (known: {{limit}}, {{value}}, "
                        "{expected}, {missing}, {outside}, {found}, {field:PATH})",
                        f"メッセージのプレースホルダ {braced} は使えません（使えるもの: {{limit}}、"
                        "{value}、{expected}、{missing}、{outside}、{found}、{field:PATH}）",
                    )
                )
            elif m.group(2) is not None:
                info = field_info(m.group(2))
                if isinstance(info, PathProblem):
                    out.append((f"{braced}: {info.en}", f"{braced}: {info.ja}"))
            elif not leaves & set(_FILLED_BY[m.group(1)]):
                out.append(
                    (
                        f"{braced} in the message: the check has no test that gives it",
                        f"メッセージの {braced} に入る値を与える条件が check にありません",
                    )
                )
    return list(dict.fromkeys(out))
