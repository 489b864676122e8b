"""Plain Python values from a composed YAML node graph, within limits.

Only the YAML core tags are allowed, keys are always the key's text (so ``no:`` stays the string
``"no"``), booleans are ``true``/``false`` only (so ``country: NO`` stays Norway), duplicate keys are
errors, and the work is bounded: nodes, depth, items per list, characters after alias expansion and
digits per integer each have a limit (module constants, documented in ``docs/limits.md``). Where every
key (and every list item) starts is recorded, so that later errors can point at it.
"""

from __future__ import annotations

import math
import re
from typing import Any, NoReturn

import yaml
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode

from aiprocure.errors import MAX_PROBLEMS, Problem
from aiprocure.sources.yamlmessages import (
    MERGE_MESSAGE,
    short_repr,
    tag_message,
    too_deep_message,
)

MAX_DEPTH = 64
MAX_NODES = 100_000
# Characters of every key and scalar value once aliases are expanded. Equal to MAX_BYTES: a file
# without aliases can never reach it (a character takes at least one byte), so the limit only
# refuses what aliases amplify, and every report stays a small multiple of a 1 MB file.
MAX_EXPANDED_CHARS = 1024 * 1024
# Items in one list (after alias expansion). The longest list in the examples and the benchmark's
# generated declarations has 12 items; no declaration field needs more than a few dozen.
MAX_LIST_ITEMS = 1_000
# Digits in a plain integer: Python refuses to convert more than 4,300, and no field needs more
# than 18 (every range in the models fits in a 64-bit integer).
MAX_INT_DIGITS = 18

PathKey = tuple[str | int, ...]

_CORE = "tag:yaml.org,2002:"
# Not a real tag: what the composer gives a plain scalar, which the builder resolves itself.
PLAIN = "tag:aiprocure,2026:plain"
_ALLOWED_TAGS = {PLAIN} | {_CORE + t for t in ("str", "int", "float", "bool", "null", "seq", "map")}
# Tags PyYAML's resolver gives plain scalars by itself; any other tag was written by the author.
_SCALAR_TAGS = {PLAIN} | {
    _CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "merge", "value")
}
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_FLOAT = re.compile(
    r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]+(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$"
)
_MERGE = _CORE + "merge"
# First characters of the plain scalars that may resolve to something other than text (null, a
# boolean or a number); a plain scalar that starts with anything else is text, with no regex run.
_MAYBE_NOT_TEXT = frozenset("~nNtTfF0123456789+-.")
STR, SEQ, MAP = _CORE + "str", _CORE + "seq", _CORE + "map"
_RESOLVER = yaml.resolver.Resolver()


class Builder:
    """Plain values from the node graph, plus where every key (and list item) starts.

    This is the hot loop of every check (a declaration has a few hundred nodes), so it is written
    for speed: a parent counts and checks its children in its own loop, plain text is recognised
    by its first character, and positions are kept as the parser's own marks (``Pos`` on demand).
    """

    def __init__(
        self,
        path: str,
        max_depth: int = MAX_DEPTH,
        max_nodes: int = MAX_NODES,
        *,
        max_chars: int = MAX_EXPANDED_CHARS,
        max_items: int = MAX_LIST_ITEMS,
    ) -> None:
        self.path = path
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self.max_chars = max_chars
        self.max_items = max_items
        self.nodes = 0  # nodes counted so far, against max_nodes
        self.chars = 0  # characters of keys and scalars built so far, against max_chars
        self.problems: list[Problem] = []
        self.marks: dict[PathKey, Mark] = {}

    def fail(self, node: Node, message: str, ja: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message, ja))
        if len(self.problems) > MAX_PROBLEMS:  # InputError keeps no more; stop looking
            raise BuildAbort

    def over_limit(self, node: Node) -> NoReturn:
        """``node`` is one node too many, or one level too deep."""
        if self.nodes > self.max_nodes:
            self.fail(
                node,
                f"document expands to more than {self.max_nodes} nodes (alias bomb?)",
                f"展開すると {self.max_nodes} ノードを超えます（エイリアスの多重展開の疑い）",
            )
        else:
            self.fail(node, *too_deep_message(self.max_depth))
        raise BuildAbort

    def too_many_chars(self, node: Node) -> NoReturn:
        self.fail(
            node,
            f"document expands to more than {self.max_chars} characters (alias bomb?)",
            f"展開すると {self.max_chars} 文字を超えます（エイリアスの多重展開の疑い）",
        )
        raise BuildAbort

    def root(self, node: Node) -> Any:
        self.nodes += 1
        if self.nodes > self.max_nodes or self.max_depth < 0:
            self.over_limit(node)
        self.marks[()] = node.start_mark
        if node.__class__ is ScalarNode:
            return self.scalar(node)
        return self.child(node, (), 0, self.nodes, self.chars)

    def child(self, node: Node, path: PathKey, depth: int, count: int, chars: int) -> Any:
        """A mapping or sequence at ``path`` and ``depth``, with the counts so far (written back
        to ``self`` for the child, whose own counts the caller reads back)."""
        self.nodes = count
        self.chars = chars
        if node.tag not in _ALLOWED_TAGS:
            self.fail(node, *tag_message(node.tag))
        if node.__class__ is MappingNode:
            return self.mapping(node, path, depth + 1)
        return self.sequence(node, path, depth + 1)

    def sequence(self, node: Node, path: PathKey, depth: int) -> list[Any]:
        """The items of ``node``, which are at ``depth``."""
        out: list[Any] = []
        marks = self.marks
        max_nodes = self.max_nodes
        max_chars = self.max_chars
        too_deep = depth > self.max_depth
        count = self.nodes
        chars = self.chars
        items = node.value
        if len(items) > self.max_items:
            self.fail(
                items[self.max_items],
                f"list has {len(items)} items; the limit is {self.max_items}",
                f"リストの項目が {len(items)} 個あります。上限は {self.max_items} 個です",
            )
            raise BuildAbort
        for i, item in enumerate(items):
            count += 1
            if count > max_nodes or too_deep:
                self.nodes = count
                self.over_limit(item)
            sub = path + (i,)  # noqa: RUF005 - half the time of (*path, i), once per item
            marks[sub] = item.start_mark
            if item.__class__ is ScalarNode:
                value = item.value
                chars += len(value)
                if chars > max_chars:
                    self.too_many_chars(item)
                if (
                    item.tag == PLAIN
                    and not item.style
                    and value
                    and value[0] not in _MAYBE_NOT_TEXT
                ):
                    out.append(value)  # the common case: plain text
                else:
                    out.append(self.scalar(item))
            else:
                out.append(self.child(item, sub, depth, count, chars))
                count = self.nodes
                chars = self.chars
        self.nodes = count
        self.chars = chars
        return out

    def mapping(self, node: MappingNode, path: PathKey, depth: int) -> dict[str, Any]:
        """The entries of ``node``, whose values are at ``depth``."""
        out: dict[str, Any] = {}
        marks = self.marks
        max_nodes = self.max_nodes
        max_chars = self.max_chars
        too_deep = depth > self.max_depth
        count = self.nodes
        chars = self.chars
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                self.fail(
                    key_node,
                    "mapping keys must be plain text",
                    "マッピングのキーは単純なテキストにしてください",
                )
                continue
            key: str = key_node.value
            tag = key_node.tag
            if tag == PLAIN:
                if key == "<<":
                    self.fail(key_node, *MERGE_MESSAGE)
                    continue
            elif tag == _MERGE:
                self.fail(key_node, *MERGE_MESSAGE)
                continue
            elif tag not in _ALLOWED_TAGS:
                self.fail(key_node, *tag_message(tag))
            sub = path + (key,)  # noqa: RUF005 - half the time of (*path, key), once per key
            if key in out:
                prev = marks[sub]
                self.fail(
                    key_node,
                    f"duplicate key {short_repr(key)} (first defined at line {prev.line + 1}, column {prev.column + 1})",
                    f"キー {short_repr(key)} が重複しています"
                    f"（最初の定義: {prev.line + 1}行 {prev.column + 1}列）",
                )
                continue
            marks[sub] = key_node.start_mark
            chars += len(key)
            if chars > max_chars:
                self.too_many_chars(key_node)
            count += 1
            if count > max_nodes or too_deep:
                self.nodes = count
                self.over_limit(value_node)
            if value_node.__class__ is ScalarNode:
                value = value_node.value
                chars += len(value)
                if chars > max_chars:
                    self.too_many_chars(value_node)
                if (
                    value_node.tag == PLAIN
                    and not value_node.style
                    and value
                    and value[0] not in _MAYBE_NOT_TEXT
                ):
                    out[key] = value  # the common case: plain text
                else:
                    out[key] = self.scalar(value_node)
            else:
                out[key] = self.child(value_node, sub, depth, count, chars)
                count = self.nodes
                chars = self.chars
        self.nodes = count
        self.chars = chars
        return out

    def scalar(self, node: ScalarNode) -> Any:
        value: str = node.value
        if node.tag not in _SCALAR_TAGS:
            self.fail(node, *tag_message(node.tag))
            return value
        if node.style or node.tag == STR:  # C parser: "" for plain, Python: None
            return value  # quoted or block scalar: always text
        # A plain scalar: resolve it ourselves, YAML 1.2 core style (no yes/no booleans,
        # no sexagesimal numbers, dates stay text for the model to parse).
        if _NULL.match(value):
            return None
        if value in _BOOL:
            return _BOOL[value]
        if _INT.match(value):
            digits = value.lstrip("+-").replace("_", "")
            if len(digits) > MAX_INT_DIGITS:  # int() refuses 4,301 digits; no field needs 19
                self.fail(
                    node,
                    f"integer has {len(digits)} digits; the limit is {MAX_INT_DIGITS}",
                    f"整数が {len(digits)} 桁あります。上限は {MAX_INT_DIGITS} 桁です",
                )
                return value
            return int(value.replace("_", ""))
        # only what PyYAML also reads as a float (``1e3`` stays text, as PyYAML writes it unquoted)
        if _FLOAT.match(value) and _pyyaml_float(value):
            number = float(value.replace("_", ""))
            if math.isinf(number):
                self.fail(
                    node,
                    "number is too large",
                    "数値が大きすぎます",
                )
                return value
            return number
        return value


def _pyyaml_float(value: str) -> bool:
    tag: str = _RESOLVER.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag == _CORE + "float"


class BuildAbort(Exception):
    pass
