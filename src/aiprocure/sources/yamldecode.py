"""Bytes to text for vendor YAML: a size limit, UTF-8 only (a UTF-8 byte-order mark is allowed), and
no NUL bytes, control characters or line separators, each refused with its position."""

from __future__ import annotations

import re
from typing import NamedTuple

from aiprocure.errors import InputError, Problem

# Bytes read from one file (declaration, pack, config, waivers) before anything is parsed.
MAX_BYTES = 1024 * 1024

# C0 and C1 controls (tab, LF and CR aside) and non-characters. NEL, LS and PS are refused too: libyaml
# counts them as line breaks where editors do not, so every position after one would be wrong.
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_LINE_SEPARATORS = {"\x85": "NEL", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}
# The UTF-8 bytes without which none of those characters can be in the text: C0 controls and DEL
# are themselves, C1 controls start with 0xC2, the others are these sequences. A file with none
# of them (nearly every file) is not searched character by character.
_SUSPECT_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xC2])
_SUSPECT_SEQUENCES = (b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xef\xbf\xbe", b"\xef\xbf\xbf")


class Pos(NamedTuple):
    """1-based line and column (made on demand from the parser's 0-based marks)."""

    line: int
    col: int


def offset_pos(text: str, offset: int) -> Pos:
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
        pos = offset_pos(
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
        pos = offset_pos(prefix, len(prefix))
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
    bad = _BAD_CHAR.search(text) if _may_hold_bad_chars(raw) else None
    if bad:
        pos = offset_pos(text, bad.start())
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


def _may_hold_bad_chars(raw: bytes) -> bool:
    if len(raw.translate(None, _SUSPECT_BYTES)) != len(raw):
        return True
    return any(seq in raw for seq in _SUSPECT_SEQUENCES)


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


def too_big_ja(size: int, limit: int) -> str:
    return f"ファイルが {size} バイトあります。上限は {limit} バイトです"
