"""Safe YAML with positions.

Vendor files are hostile input. This module:

* reads bytes under a size limit and accepts UTF-8 only (a UTF-8 byte-order mark is allowed);
* refuses NUL bytes and control characters, with their position;
* composes the node graph with PyYAML's C parser where available (the pure-Python one otherwise) and
  builds plain Python values *itself*: only the YAML core tags are allowed, keys are always the key's
  text (so ``no:`` stays the string ``"no"``), booleans are ``true``/``false`` only (so ``country: NO``
  stays Norway), duplicate keys are errors, and alias expansion is bounded in nodes and depth;
* records where every key (and every list item) starts, so that later errors can point at it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, NoReturn

import yaml
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aiprocure.errors import MAX_PROBLEMS, InputError, Problem

try:  # the C parser is much faster and keeps marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 100_000

PathKey = tuple[str | int, ...]

_CORE = "tag:yaml.org,2002:"
# Not a real tag: what the composer gives a plain scalar, which the builder resolves itself.
_PLAIN = "tag:aiprocure,2026:plain"
_ALLOWED_TAGS = {_PLAIN} | {
    _CORE + t for t in ("str", "int", "float", "bool", "null", "seq", "map")
}
# Tags PyYAML's resolver gives plain scalars by itself; any other tag was written by the author.
_SCALAR_TAGS = {_PLAIN} | {
    _CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "merge", "value")
}
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_FLOAT = re.compile(
    r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]+(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$"
)
# C0 and C1 controls (tab, LF and CR aside) and non-characters. NEL, LS and PS are refused too: libyaml
# counts them as line breaks where editors do not, so every position after one would be wrong.
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_LINE_SEPARATORS = {"\x85": "NEL", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}
_MERGE = _CORE + "merge"
# First characters of the plain scalars that may resolve to something other than text (null, a
# boolean or a number); a plain scalar that starts with anything else is text, with no regex run.
_MAYBE_NOT_TEXT = frozenset("~nNtTfF0123456789+-.")


class Pos(NamedTuple):
    """1-based line and column (made on demand from the parser's 0-based marks)."""

    line: int
    col: int


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
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is SequenceNode else _MAP

    # No path resolvers are registered: skip PyYAML's check for them, twice per node.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


_STR, _SEQ, _MAP = _CORE + "str", _CORE + "seq", _CORE + "map"
_RESOLVER = yaml.resolver.Resolver()


def _offset_pos(text: str, offset: int) -> Pos:
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return Pos(line, offset - start + 1)


def decode(path: str, raw: bytes, *, max_bytes: int = MAX_BYTES) -> str:
    """Bytes -> text, or an InputError that says where the bytes went wrong."""
    if len(raw) > max_bytes:
        raise InputError(
            [
                Problem(
                    path,
                    1,
                    1,
                    f"file is {len(raw)} bytes; the limit is {max_bytes}",
                    too_big_ja(len(raw), max_bytes),
                )
            ]
        )
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise InputError(
            [
                Problem(
                    path,
                    1,
                    1,
                    "file is UTF-32; save it as UTF-8",
                    "ファイルが UTF-32 です。UTF-8 で保存してください",
                )
            ]
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            [
                Problem(
                    path,
                    1,
                    1,
                    "file is UTF-16; save it as UTF-8",
                    "ファイルが UTF-16 です。UTF-8 で保存してください",
                )
            ]
        )
    if b"\x00" in raw:
        if _looks_like_utf16(raw[:64]):
            raise InputError(
                [
                    Problem(
                        path,
                        1,
                        1,
                        "file looks like UTF-16 without a byte-order mark; save it as UTF-8",
                        "ファイルが BOM なしの UTF-16 のようです。UTF-8 で保存してください",
                    )
                ]
            )
        pos = _offset_pos(
            raw.decode("utf-8", errors="replace"), _char_offset(raw, raw.index(b"\x00"))
        )
        raise InputError(
            [
                Problem(
                    path,
                    pos.line,
                    pos.col,
                    "binary file (NUL byte); expected UTF-8 YAML text",
                    "バイナリファイルです（NUL バイトを含みます）。UTF-8 の YAML テキストが必要です",
                )
            ]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8", errors="replace")
        pos = _offset_pos(prefix, len(prefix))
        raise InputError(
            [
                Problem(
                    path,
                    pos.line,
                    pos.col,
                    f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
                    f"UTF-8 として読めないバイト（0x{raw[exc.start]:02x}）があります。"
                    "ファイルを UTF-8 で保存してください",
                )
            ]
        ) from None
    text = text.removeprefix("\ufeff")
    bad = _BAD_CHAR.search(text)
    if bad:
        pos = _offset_pos(text, bad.start())
        char = bad.group()
        if char in _LINE_SEPARATORS:
            message = f"U+{ord(char):04X} {_LINE_SEPARATORS[char]} is not allowed; use an ordinary line break"
            ja = (
                f"U+{ord(char):04X} {_LINE_SEPARATORS[char]} は使用できません。"
                "通常の改行を使ってください"
            )
        else:
            message = f"control character U+{ord(char):04X} is not allowed"
            ja = f"制御文字 U+{ord(char):04X} は使用できません"
        raise InputError([Problem(path, pos.line, pos.col, message, ja)])
    return text


def _looks_like_utf16(head: bytes) -> bool:
    """ASCII text saved as UTF-16 without a BOM: every other byte is NUL, the rest are not."""
    if len(head) < 4 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    return (0 not in even and odd.count(0) == len(odd)) or (
        0 not in odd and even.count(0) == len(even)
    )


def _char_offset(raw: bytes, byte_offset: int) -> int:
    """The character offset of ``byte_offset`` once ``raw`` is decoded (invalid bytes count as one)."""
    return len(raw[:byte_offset].decode("utf-8", errors="replace"))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def short_repr(text: str, limit: int = 60) -> str:
    """``repr`` of untrusted text, cut to ``limit`` characters so one key cannot flood the output."""
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def too_big_ja(size: int, limit: int) -> str:
    return f"ファイルが {size} バイトあります。上限は {limit} バイトです"


def too_deep_message(depth: int) -> tuple[str, str]:
    return f"nesting deeper than {depth} levels", f"入れ子が {depth} 段を超えています"


def tag_message(tag: str) -> tuple[str, str]:
    return (
        f"tag {short_repr(tag)} is not allowed",
        f"タグ {short_repr(tag)} は使用できません",
    )


_MERGE_MESSAGE = (
    "merge keys (<<) are not allowed; write every key out",
    "マージキー（<<）は使用できません。キーをすべて書き出してください",
)

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


class _Builder:
    """Plain values from the node graph, plus where every key (and list item) starts.

    This is the hot loop of every check (a declaration has a few hundred nodes), so it is written
    for speed: a parent counts and checks its children in its own loop, plain text is recognised
    by its first character, and positions are kept as the parser's own marks (``Pos`` on demand).
    """

    def __init__(self, path: str, max_depth: int, max_nodes: int) -> None:
        self.path = path
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self.nodes = 0  # nodes counted so far, against max_nodes
        self.problems: list[Problem] = []
        self.marks: dict[PathKey, Mark] = {}

    def fail(self, node: Node, message: str, ja: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message, ja))
        if len(self.problems) > MAX_PROBLEMS:  # InputError keeps no more; stop looking
            raise _Abort

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
        raise _Abort

    def root(self, node: Node) -> Any:
        self.nodes += 1
        if self.nodes > self.max_nodes or self.max_depth < 0:
            self.over_limit(node)
        self.marks[()] = node.start_mark
        if node.__class__ is ScalarNode:
            return self.scalar(node)
        return self.collection(node, (), 0)

    def collection(self, node: Node, path: PathKey, depth: int) -> Any:
        """A mapping or sequence at ``path`` and ``depth``, already counted and placed."""
        if node.tag not in _ALLOWED_TAGS:
            self.fail(node, *tag_message(node.tag))
        if node.__class__ is MappingNode:
            return self.mapping(node, path, depth + 1)
        if node.__class__ is SequenceNode:
            return self.sequence(node, path, depth + 1)
        raise AssertionError(f"unknown node {node!r}")  # pragma: no cover

    def sequence(self, node: SequenceNode, path: PathKey, depth: int) -> list[Any]:
        """The items of ``node``, which are at ``depth``."""
        out: list[Any] = []
        marks = self.marks
        max_nodes = self.max_nodes
        too_deep = depth > self.max_depth
        count = self.nodes
        for i, item in enumerate(node.value):
            count += 1
            if count > max_nodes or too_deep:
                self.nodes = count
                self.over_limit(item)
            sub = (*path, i)
            marks[sub] = item.start_mark
            if item.__class__ is ScalarNode:
                value = item.value
                if (
                    item.tag == _PLAIN
                    and not item.style
                    and value
                    and value[0] not in _MAYBE_NOT_TEXT
                ):
                    out.append(value)  # the common case: plain text
                else:
                    out.append(self.scalar(item))
            else:
                self.nodes = count
                out.append(self.collection(item, sub, depth))
                count = self.nodes
        self.nodes = count
        return out

    def mapping(self, node: MappingNode, path: PathKey, depth: int) -> dict[str, Any]:
        """The entries of ``node``, whose values are at ``depth``."""
        out: dict[str, Any] = {}
        marks = self.marks
        max_nodes = self.max_nodes
        too_deep = depth > self.max_depth
        count = self.nodes
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
            if tag == _PLAIN:
                if key == "<<":
                    self.fail(key_node, *_MERGE_MESSAGE)
                    continue
            elif tag == _MERGE:
                self.fail(key_node, *_MERGE_MESSAGE)
                continue
            elif tag not in _ALLOWED_TAGS:
                self.fail(key_node, *tag_message(tag))
            sub = (*path, key)
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
            count += 1
            if count > max_nodes or too_deep:
                self.nodes = count
                self.over_limit(value_node)
            if value_node.__class__ is ScalarNode:
                value = value_node.value
                if (
                    value_node.tag == _PLAIN
                    and not value_node.style
                    and value
                    and value[0] not in _MAYBE_NOT_TEXT
                ):
                    out[key] = value  # the common case: plain text
                else:
                    out[key] = self.scalar(value_node)
            else:
                self.nodes = count
                out[key] = self.collection(value_node, sub, depth)
                count = self.nodes
        self.nodes = count
        return out

    def scalar(self, node: ScalarNode) -> Any:
        value: str = node.value
        if node.tag not in _SCALAR_TAGS:
            self.fail(node, *tag_message(node.tag))
            return value
        if node.style or node.tag == _STR:  # C parser: "" for plain, Python: None
            return value  # quoted or block scalar: always text
        # A plain scalar: resolve it ourselves, YAML 1.2 core style (no yes/no booleans,
        # no sexagesimal numbers, dates stay text for the model to parse).
        if _NULL.match(value):
            return None
        if value in _BOOL:
            return _BOOL[value]
        if _INT.match(value):
            return int(value.replace("_", ""))
        # only what PyYAML also reads as a float (``1e3`` stays text, as PyYAML writes it unquoted)
        if _FLOAT.match(value) and _pyyaml_float(value):
            return float(value.replace("_", ""))
        return value


def _pyyaml_float(value: str) -> bool:
    tag: str = _RESOLVER.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag == _CORE + "float"


class _Abort(Exception):
    pass


def parse(
    path: str,
    raw: bytes,
    *,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    max_nodes: int = MAX_NODES,
) -> Document:
    """Parse one YAML document from ``raw``; every problem is raised as a positioned InputError."""
    text = decode(path, raw, max_bytes=max_bytes)
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = _one_line(exc.problem or exc.context or "invalid YAML")
        if "expected a single document" in str(exc):
            what = "more than one YAML document (---); put one declaration per file"
            ja = "YAML の構文エラー: 文書が複数あります（---）。申告書は 1 ファイルに 1 つにしてください"
        else:
            ja = f"YAML の構文エラー: {_syntax_ja(what)}"
        raise InputError([Problem(path, line, col, f"YAML syntax error: {what}", ja)]) from None
    except (
        yaml.reader.ReaderError
    ) as exc:  # decode() refuses what the reader would; kept as a backstop
        pos = _offset_pos(text, max(0, min(int(exc.position), len(text))))
        raise InputError(
            [
                Problem(
                    path,
                    pos.line,
                    pos.col,
                    f"unacceptable character ({_one_line(str(exc.reason))})",
                    f"使用できない文字があります（{_one_line(str(exc.reason))}）",
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
                    f"YAML error: {_one_line(str(exc))}",
                    f"YAML のエラー: {_one_line(str(exc))}",
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
    builder = _Builder(path, max_depth, max_nodes)
    data = None
    try:
        data = builder.root(node)
    except _Abort:
        pass
    except RecursionError:
        builder.fail(node, *too_deep_message(max_depth))
    if builder.problems:
        raise InputError(builder.problems)
    return Document(path, data, hashlib.sha256(raw).hexdigest(), builder.marks)
