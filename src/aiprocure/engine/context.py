"""What a condition is evaluated against: the declaration's facts plus the rule set's lists."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from aiprocure.model.findings import Observed
from aiprocure.model.ruleset import Ruleset

MISSING = object()


@dataclass
class Context:
    data: dict[str, Any]  # the declaration as JSON-compatible data (model_dump(mode="json"))
    ruleset: Ruleset
    observed: dict[str, Observed] = field(default_factory=dict)

    def get(self, path: str) -> Any:
        """The value at ``path``; None when any step is unanswered. ``[]`` maps over lists."""
        value = _resolve(self.data, path.split("."))
        self.observed[path] = _observable(value)
        return value


def _resolve(node: Any, steps: list[str]) -> Any:
    if not steps:
        return node
    step, rest = steps[0], steps[1:]
    name, mapped = (step[:-2], True) if step.endswith("[]") else (step, False)
    if not isinstance(node, dict):
        return None
    value = node.get(name)
    if value is None:
        return None
    if mapped:
        if not isinstance(value, list):
            return None
        items = [_resolve(item, rest) for item in value]
        if any(i is None for i in items):
            return None  # one item left this unanswered: the whole answer is incomplete
        flat: list[Any] = []
        for i in items:
            flat.extend(i if isinstance(i, list) else [i])
        return flat
    return _resolve(value, rest)


def _observable(value: Any) -> Observed:
    if isinstance(value, list):
        return [v if isinstance(v, str | int | float | bool) or v is None else _compact(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return _compact(value)


def _compact(value: Any) -> str:
    """A nested object as one line of JSON, keys sorted (deterministic)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))
