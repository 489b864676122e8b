"""A failing finding's message filled with what it was judged against and what was declared.

A rule's ``message`` (both languages) may name, in braces:

``{limit}``     the bound of an ``at_least`` / ``at_most`` test (a parameter's value for this run)
``{value}``     the declared value of the field that test reads
``{expected}``  the value set of ``one_of`` / ``all_in`` / ``none_in`` / ``contains_all``, or the
                value of ``equals``
``{missing}``   the values ``contains_all`` requires that the declaration lacks
``{outside}``   the declared values ``one_of`` / ``all_in`` do not allow
``{found}``     the declared values ``none_in`` bans
``{field:PATH}`` the declared value of any field, e.g. ``{field:use_case.data.training}``

The leaf that fills ``{limit}`` ... ``{found}`` is the first one of the check whose own test
fails (else its first leaf). Values are shown by their readable names in each language
(``model.value_names``). Other braces are left as written. Filling happens only for a failing
finding, once: the plan is built with the rule's plan (``engine.findings.rule_plan``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from aiprocure.engine.compiler import Check, compile_condition
from aiprocure.model.checklist import Rule
from aiprocure.model.common import Text
from aiprocure.model.conditions import (
    Condition,
    args_of,
    bound_of,
    field_of,
    operator,
    value_set_of,
    walk,
)
from aiprocure.model.countries import covers_every_country
from aiprocure.model.fields import value_at
from aiprocure.model.ruleset import Ruleset
from aiprocure.model.value_names import PLACEHOLDER, SLOTS, value_name

__all__ = ["PLACEHOLDER", "SLOTS", "MessagePlan", "message_plan"]

_Leaf = tuple[Condition, Check, str]
# the operators whose field, value set or bound fill a message
_FILLING = frozenset(
    {"at_least", "at_most", "one_of", "all_in", "none_in", "contains_all", "equals"}
)  # the leaf, compiled alone, and the field it reads


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


@dataclass(frozen=True, slots=True)
class MessagePlan:
    template: Text
    leaves: tuple[_Leaf, ...]
    ruleset: Ruleset
    # each leaf's value set and bound as a message shows them (the rule set's: worked out once)
    shown: tuple[tuple[list[Any], str], ...] = ()

    def __post_init__(self) -> None:
        if not self.shown:
            shown = tuple((self._set(cond), self._limit(cond)) for cond, _, _ in self.leaves)
            object.__setattr__(self, "shown", shown)

    def _set(self, cond: Condition) -> list[Any]:
        vs = value_set_of(cond)
        if vs is None:
            args = args_of(cond) if operator(cond) == "equals" else None  # type: ignore[arg-type]
            return [getattr(args, "value", None)] if args is not None else []
        if vs.values is not None:
            return list(vs.values)
        return sorted(self.ruleset.lists.get(vs.named or "", frozenset()), key=str)

    def _limit(self, cond: Condition) -> str:
        b = bound_of(cond)
        if b is None:
            return ""
        if b.value is not None:
            return _number(float(b.value))
        bound = self.ruleset.parameter_values.get(b.param or "")
        return "" if bound is None else _number(bound)

    def _slots(self, data: dict[str, Any]) -> dict[str, tuple[str, list[Any] | Any]]:
        """slot -> (the field it is a value of, the value) from the deciding leaf."""
        if not self.leaves:
            return {}
        at = 0
        for i, leaf in enumerate(self.leaves):
            if leaf[1](data, {}) is False:
                at = i
                break
        cond, _, path = self.leaves[at]
        wanted, limit = self.shown[at]
        declared = value_at(data, path)
        items = _listed(declared)
        slots: dict[str, tuple[str, Any]] = {
            "value": (path, declared),
            "expected": (path, wanted),
            "limit": ("", limit),
        }
        op = operator(cond)
        if op == "contains_all":
            slots["missing"] = (path, [v for v in wanted if v not in items])
        if op in ("one_of", "all_in"):
            outside = [v for v in items if v not in wanted]
            # `any` region (every assigned code): named as such, not as 248 codes
            slots["outside"] = (path, declared if covers_every_country(items) else outside)
        if op == "none_in":
            slots["found"] = (path, [v for v in items if v in wanted])
        return slots

    def fill(self, data: dict[str, Any]) -> Text:
        slots = self._slots(data)

        def one(lang: str, text: str) -> str:
            def sub(m: re.Match[str]) -> str:
                if m.group(2) is not None:
                    return value_name(m.group(2), value_at(data, m.group(2)), lang)
                got = slots.get(m.group(1))
                if got is None:
                    return m.group(0)
                path, value = got
                return str(value) if not path else value_name(path, value, lang)

            return PLACEHOLDER.sub(sub, text)

        return Text(ja=one("ja", self.template.ja), en=one("en", self.template.en))


def message_plan(rule: Rule, ruleset: Ruleset) -> MessagePlan | None:
    """The plan that fills ``rule``'s message, or None when the message names nothing to fill."""
    msg = rule.message
    if msg is None or not (PLACEHOLDER.search(msg.ja) or PLACEHOLDER.search(msg.en)):
        return None
    leaves: list[_Leaf] = []
    for cond, _ in walk(rule.check):
        path = field_of(cond)
        if path is not None and operator(cond) in _FILLING:
            leaves.append((cond, compile_condition(cond, ruleset), path))
    return MessagePlan(msg, tuple(leaves), ruleset)
