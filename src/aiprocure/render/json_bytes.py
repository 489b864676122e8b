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
# In UTF-8 bytes: a few times faster than text with a class. _MAYBE_UNSAFE* find a superset.
_UNSAFE_UTF8 = re.compile(b"|".join(re.escape(c.encode()) for c in _UNSAFE_CHARS))
_MAYBE_UNSAFE_C2 = re.compile(rb"\xc2[\x80-\x9f]")
_MAYBE_UNSAFE_E2 = re.compile(rb"\xe2[\x80\x81]")


def _escape_utf8(match: re.Match[bytes]) -> bytes:
    return b"\\u%04x" % ord(match.group().decode())


def _fast(model: BaseModel, exclude: dict[str, Any] | None, indent: int | None) -> bytes | None:
    """``model`` serialised by pydantic-core (``indent=2`` or compact) as UTF-8, misleading
    characters escaped; None if it holds a lone surrogate, which UTF-8 cannot carry."""
    try:
        raw = type(model).__pydantic_serializer__.to_json(model, indent=indent, exclude=exclude)
    except PydanticSerializationError:  # a lone surrogate
        return None
    return _escape_unsafe(raw)


def _escape_unsafe(raw: bytes) -> bytes:
    if (
        b"\x7f" in raw
        or b"\xef\xbb\xbf" in raw
        or _MAYBE_UNSAFE_C2.search(raw)
        or _MAYBE_UNSAFE_E2.search(raw)
    ):
        raw = _UNSAFE_UTF8.sub(_escape_utf8, raw)
    if not raw.isascii() and INVISIBLE.search(text := raw.decode()):
        raw = INVISIBLE.sub(lambda m: json.dumps(m.group())[1:-1], text).encode()
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
