"""JSON documents as bytes, as ``render.json_`` writes them: pydantic-core's serialisation,
with the characters that are valid raw in JSON strings but misleading escaped as ``\\uXXXX``,
and a slower path for text with lone surrogates (file names that are not UTF-8)."""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticSerializationError, to_json

from aiprocure.model.invisible import INVISIBLE

# Valid raw in JSON strings but misleading: DEL, C1, zero-width/direction marks, U+2028/2029, bidi
# controls, invisible operators, BOM; lone surrogates (undecodable file names); then, as render.safe,
# model.invisible's characters (tags...). Only in strings (JSON's syntax is ASCII): \uXXXX is equal.
_UNSAFE_CHARS = "".join(
    map(
        chr,
        [
            *range(0x7F, 0xA0),
            *range(0x200B, 0x2010),
            *range(0x2028, 0x202F),
            *range(0x2060, 0x206A),
            0xFEFF,
        ],
    )
)


def _code_points(pattern: re.Pattern[str]) -> list[str]:
    """The characters of a one-class pattern (``[a-zb]``: characters and ranges, no escapes)."""
    body, i = pattern.pattern[1:-1], 0
    chars: list[str] = []
    while i < len(body):
        if body[i + 1 : i + 2] == "-" and i + 2 < len(body):
            chars += map(chr, range(ord(body[i]), ord(body[i + 2]) + 1))
            i += 3
        else:
            chars.append(body[i])
            i += 1
    return chars


def _byte_class(values: set[int]) -> bytes:
    runs: list[list[int]] = []
    for v in sorted(values):
        if runs and runs[-1][1] == v - 1:
            runs[-1][1] = v
        else:
            runs.append([v, v])
    parts = b"".join(b"\\x%02x" % a + (b"-\\x%02x" % b if b > a else b"") for a, b in runs)
    return parts if len(runs) == 1 and runs[0][0] == runs[0][1] else b"[" + parts + b"]"


def _utf8_pattern(seqs: list[bytes]) -> bytes:
    """A bytes pattern matching exactly ``seqs``, factored by leading bytes: each alternative
    starts with a literal byte, which lets ``re`` skip quickly to the bytes that may start one."""
    if all(len(s) == 1 for s in seqs):
        return _byte_class({s[0] for s in seqs})
    tails: dict[int, list[bytes]] = {}
    for s in seqs:
        tails.setdefault(s[0], []).append(s[1:])
    alts = [b"\\x%02x" % lead + (_utf8_pattern(t) if t[0] else b"") for lead, t in tails.items()]
    return alts[0] if len(alts) == 1 else b"(?:" + b"|".join(alts) + b")"


# Every character to escape, as UTF-8, and how a document is searched for them: a byte that
# starts one is looked for with ``in`` (memchr: ~100 times faster than a character class over the
# decoded text, which ``re`` cannot skip through), and where such a byte is common in text (E2:
# punctuation, E3: kana, EF: full-width forms) by a pattern starting with that literal byte.
_ESCAPED = sorted({c.encode() for c in [*_UNSAFE_CHARS, *_code_points(INVISIBLE)]})
_UNSAFE_UTF8 = re.compile(_utf8_pattern(_ESCAPED))
_COMMON_LEADS = (0xE2, 0xE3, 0xEF)
_RARE_LEADS = tuple(sorted({s[:1] for s in _ESCAPED if s[0] not in _COMMON_LEADS}))
_COMMON_SCANS = tuple(
    re.compile(_utf8_pattern([s for s in _ESCAPED if s[0] == lead])) for lead in _COMMON_LEADS
)


def _escape_utf8(match: re.Match[bytes]) -> bytes:
    """``\\uXXXX`` as JSON writes the character (a surrogate pair beyond the BMP)."""
    code = ord(match.group().decode())
    if code < 0x10000:
        return b"\\u%04x" % code
    code -= 0x10000
    return b"\\u%04x\\u%04x" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF))


def _fast(model: BaseModel, exclude: dict[str, Any] | None, indent: int | None) -> bytes | None:
    """``model`` serialised by pydantic-core (``indent=2`` or compact) as UTF-8, misleading
    characters escaped; None if it holds a lone surrogate, which UTF-8 cannot carry."""
    try:
        raw = type(model).__pydantic_serializer__.to_json(model, indent=indent, exclude=exclude)
    except PydanticSerializationError:  # a lone surrogate
        return None
    return _escape_unsafe(raw)


def _escape_unsafe(raw: bytes) -> bytes:
    if raw.isascii():
        return _UNSAFE_UTF8.sub(_escape_utf8, raw) if b"\x7f" in raw else raw
    if any(lead in raw for lead in _RARE_LEADS) or any(s.search(raw) for s in _COMMON_SCANS):
        return _UNSAFE_UTF8.sub(_escape_utf8, raw)
    return raw


_SURROGATE = re.compile("[\ud800-\udfff]")


def _slow(model: BaseModel, exclude: dict[str, Any] | None, indent: int | None) -> bytes:
    """The same document when some text holds lone surrogates (a file name that is not UTF-8):
    each is swapped for a marker that occurs nowhere else, the data serialised by pydantic-core
    as usual (numbers written alike on both paths), and the marker replaced by the ``\\uXXXX``
    escape that JSON has for a lone surrogate."""
    body = model.model_dump(mode="json", exclude=exclude)
    seen = json.dumps(body, ensure_ascii=False)
    marker = "\U000f0000"
    while marker in seen:
        marker += "\U000f0000"

    def mark(match: re.Match[str]) -> str:
        return f"{marker}{ord(match.group()):04x}"

    def walk(node: Any) -> Any:
        if isinstance(node, str):
            return _SURROGATE.sub(mark, node)
        if isinstance(node, list):
            return [walk(v) for v in node]
        if isinstance(node, dict):
            return {walk(k): walk(v) for k, v in node.items()}
        return node

    raw = to_json(walk(body), indent=indent)
    raw = raw.replace(marker.encode(), b"\\u")
    return _escape_unsafe(raw)


def _json(model: BaseModel, exclude: dict[str, Any] | None, indent: int | None) -> bytes:
    raw = _fast(model, exclude, indent)
    return _slow(model, exclude, indent) if raw is None else raw
