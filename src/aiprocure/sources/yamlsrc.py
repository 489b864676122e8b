"""Safe YAML with positions.

Vendor files are hostile input. This module parses one file in three steps:

* ``yamldecode``: bytes under a size limit, UTF-8 only (a UTF-8 byte-order mark is allowed), no NUL
  bytes or control characters, each refused with its position;
* here: the node graph, composed with PyYAML's C parser where available (the pure-Python one
  otherwise), with the parser's syntax errors positioned and put in Japanese too;
* ``yamlbuild``: plain Python values built from the graph *by this package* (core tags only, YAML 1.2
  scalars, no duplicate keys), within limits on nodes, depth, list items, expanded characters and
  integer digits, recording where every key (and every list item) starts.
"""

from __future__ import annotations

import hashlib
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.error import Mark
from yaml.nodes import Node, ScalarNode, SequenceNode

from aiprocure.errors import InputError, Problem
from aiprocure.model.facts import EMPTY, FactIndex
from aiprocure.sources.yamlbuild import (
    MAP,
    MAX_DEPTH,
    MAX_EXPANDED_CHARS,
    MAX_INT_DIGITS,
    MAX_LIST_ITEMS,
    MAX_NODES,
    PLAIN,
    SEQ,
    STR,
    BuildAbort,
    Builder,
    PathKey,
)
from aiprocure.sources.yamldecode import MAX_BYTES, Pos, decode, offset_pos, too_big_ja
from aiprocure.sources.yamlmessages import (
    misplaced_key,
    one_line,
    short_repr,
    tag_message,
    too_deep_message,
)

try:  # the C parser is much faster and keeps marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_EXPANDED_CHARS",
    "MAX_INT_DIGITS",
    "MAX_LIST_ITEMS",
    "MAX_NODES",
    "Document",
    "PathKey",
    "Pos",
    "decode",
    "parse",
    "short_repr",
    "tag_message",
    "too_big_ja",
    "too_deep_message",
]


@dataclass
class Document:
    """A parsed YAML file: its value, digest and a path -> position index."""

    path: str
    data: Any
    sha256: str
    # Where each key starts (for list items and the root: where the value starts), as the parser's
    # own 0-based marks: it makes one for every node anyway, so the index allocates nothing per
    # entry. Positions follow from the bytes (``sha256``), so they take no part in ``==``.
    marks: dict[PathKey, Mark] = field(default_factory=dict, compare=False, repr=False)
    # Format 2.0: per-fact conditions, notes and evidence (model.facts); empty for plain files.
    facts: FactIndex = field(default=EMPTY, compare=False, repr=False)

    def position(self, path: PathKey) -> Pos:
        """Position of the key at ``path`` (or of the value, for list items)."""
        mark = self.marks.get(path)
        return Pos(1, 1) if mark is None else Pos(mark.line + 1, mark.column + 1)

    def locate(self, loc: Sequence[str | int]) -> tuple[Pos, PathKey]:
        """Follow a (pydantic-style) location as far as the file has it.

        Segments that are not keys of the current node (such as the tag of a tagged union) are
        skipped, so the answer is the deepest node that exists: for a missing key, its parent.
        """
        whole = tuple(loc)
        mark = self.marks.get(whole)
        if mark is not None:  # the file has every segment: where the walk below would end
            return Pos(mark.line + 1, mark.column + 1), whole
        current: PathKey = ()
        node: Any = self.data
        for seg in loc:
            in_dict = isinstance(node, dict) and isinstance(seg, str) and seg in node
            if in_dict or (
                isinstance(node, list) and isinstance(seg, int) and 0 <= seg < len(node)
            ):
                current = (*current, seg)
                node = node[seg]
        return self.position(current), current


class _Composer(_Loader):
    """The loader, minus PyYAML's regex-based implicit resolver: this module resolves plain scalars
    itself (YAML 1.2 core), so the composer only has to say plain or not (a third of parse time)."""

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return PLAIN if implicit[0] else STR
        return SEQ if kind is SequenceNode else MAP

    # No path resolvers are registered: skip PyYAML's check for them, twice per node. The parser
    # calls both for every node and ignores what they return: functions written in C (which take
    # the same arguments) cost less to call than an empty Python method.
    descend_resolver = operator.is_  # type: ignore[assignment]
    ascend_resolver = tuple  # type: ignore[assignment]


# libyaml's (and PyYAML's) own wording of the syntax errors met in practice, in Japanese; any other
# is shown as the parser wrote it, after the Japanese heading.
_SYNTAX_JA = {
    "mapping values are not allowed here": "ここにはマッピングの値を書けません（コロンの後の空白や字下げを確認してください）",
    "mapping values are not allowed in this context": "ここにはマッピングの値を書けません（コロンの後の空白や字下げを確認してください）",
    "could not find expected ':'": "':' が見つかりません",
    "did not find expected key": "キーがあるべき位置にありません（字下げを確認してください）",
    "did not find expected ',' or ']'": "',' または ']' が見つかりません",
    "did not find expected ',' or '}'": "',' または '}' が見つかりません",
    "did not find expected '-' indicator": "'-' が見つかりません（字下げを確認してください）",
    "did not find expected node content": "値があるべき位置にありません",
    "did not find expected <document start>": "文書の開始（---）が見つかりません",
    "found character that cannot start any token": "トークンを始められない文字があります（タブによる字下げは使えません）",
    "found undefined alias": "定義されていないエイリアスがあります",
    "found unexpected end of stream": "ファイルが途中で終わっています",
    "found unknown escape character": "不明なエスケープ文字があります",
    "found unexpected ':'": "予期しない ':' があります",
    "exceeded maximum nesting depth": "入れ子が深すぎます",
    "block sequence entries are not allowed in this context": "ここにはリストの項目を書けません",
    "found a tab character that violates indentation": "字下げにタブ文字があります",
    "found duplicate anchor; first occurrence": "アンカーが重複しています",
}


def _syntax_ja(what: str) -> str:
    return _SYNTAX_JA.get(what, what)


def parse(
    path: str,
    raw: bytes,
    *,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    max_nodes: int = MAX_NODES,
    max_chars: int = MAX_EXPANDED_CHARS,
    max_items: int = MAX_LIST_ITEMS,
) -> Document:
    """Parse one YAML document from ``raw``; every problem is raised as a positioned InputError."""
    text = decode(path, raw, max_bytes=max_bytes)
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = one_line(exc.problem or exc.context or "invalid YAML")
        if "expected a single document" in str(exc):
            what = "more than one YAML document (---); put one declaration per file"
            ja = "YAML の構文エラー: 文書が複数あります（---）。申告書は 1 ファイルに 1 つにしてください"
        else:
            ja = f"YAML の構文エラー: {_syntax_ja(what)}"
            moved = misplaced_key(text, line) if what.startswith("mapping values") else None
            if moved is not None:  # the wrong line is the key before, not where the parser stops
                line, col, (what, ja_what) = moved
                ja = f"YAML の構文エラー: {ja_what}"
        raise InputError([Problem(path, line, col, f"YAML syntax error: {what}", ja)]) from None
    except (
        yaml.reader.ReaderError
    ) as exc:  # decode() refuses what the reader would; kept as a backstop
        pos = offset_pos(text, max(0, min(int(exc.position), len(text))))
        raise InputError(
            [
                Problem(
                    path,
                    pos.line,
                    pos.col,
                    f"unacceptable character ({one_line(str(exc.reason))})",
                    f"使用できない文字があります（{one_line(str(exc.reason))}）",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - the C parser raises marked errors
        raise InputError(
            [
                Problem(
                    path,
                    1,
                    1,
                    f"YAML error: {one_line(str(exc))}",
                    f"YAML のエラー: {one_line(str(exc))}",
                )
            ]
        ) from None
    finally:
        loader.dispose()
    if node is None:
        raise InputError(
            [
                Problem(
                    path,
                    1,
                    1,
                    "empty document; expected a YAML mapping",
                    "文書が空です。YAML のマッピングが必要です",
                )
            ]
        )
    builder = Builder(path, max_depth, max_nodes, max_chars=max_chars, max_items=max_items)
    data = None
    try:
        data = builder.root(node)
    except BuildAbort:
        pass
    except RecursionError:
        builder.fail(node, *too_deep_message(max_depth))
    if builder.problems:
        raise InputError(builder.problems)
    return Document(path, data, hashlib.sha256(raw).hexdigest(), builder.marks)
