"""One escaping policy for vendor text in every output of every command.

Untrusted text must neither act on the reader's terminal (control characters, ANSI escapes) nor
hide or reorder what the reader sees (bidi overrides, zero-width and other invisible characters,
tag characters that can carry a hidden message). Each output calls one of:

* :func:`clean` — terminal, Markdown, HTML, GitHub annotations, CSV cells: every such character is
  made visible. Controls, direction marks and the invisible characters this module has always
  covered keep their escapes (``\\x1b``, ``\\u202e``); the other invisible characters — the rest of
  Unicode category Cf (U+00AD SOFT HYPHEN, U+061C ARABIC LETTER MARK, U+180E, U+2060 WORD JOINER, tag
  characters U+E0000–E007F, ...), variation selectors, Hangul fillers (U+115F, U+1160, U+3164,
  U+FFA0) and the invisible combining grapheme joiner and Khmer vowels — are shown as ``<U+XXXX>``.
* :func:`json_dumps` — JSON documents: the same characters written as JSON ``\\uXXXX`` escapes (the
  data is unchanged, the raw bytes show them), C0 controls as JSON always escapes them.
* :func:`csv_cell` — CSV: :func:`clean`, then a leading quote on a cell that a spreadsheet would read
  as a formula (``=``, ``+``, ``-``, ``@``, tab, CR; OWASP's advice).
* :func:`defuse` — Markdown (after Markdown escaping): autolinks and @mentions made inert.
* :func:`invisible_characters` — which such characters a text holds, for warnings on input.
"""

from __future__ import annotations

import json
import re
from typing import Any

from aiprocure.model.invisible import INVISIBLE as _INVISIBLE_ONLY
from aiprocure.model.invisible import UNSAFE as _UNSAFE
from aiprocure.model.invisible import invisible_characters

__all__ = ["clean", "csv_cell", "defuse", "invisible_characters", "json_dumps"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if _INVISIBLE_ONLY.match(match.group()):
        return f"<U+{code:04X}>"
    return f"\\u{code:04x}" if code > 0xFF else f"\\x{code:02x}"


def clean(text: str) -> str:
    """Replace every control, direction-override or invisible character by a visible escape."""
    return _UNSAFE.sub(_visible, text)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # JSON writes a supplementary character as its UTF-16 surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_dumps(value: Any, *, indent: int | None = None, sort_keys: bool = False) -> str:
    """``json.dumps`` (UTF-8 text, not ASCII) with every character :func:`clean` would make visible
    written as a ``\\uXXXX`` escape: JSON's own syntax is ASCII, so they only occur in strings."""
    text = json.dumps(value, ensure_ascii=False, indent=indent, sort_keys=sort_keys)
    return _UNSAFE.sub(_json_escape, text)


def csv_cell(text: str) -> str:
    """A CSV cell: characters made visible, and formula injection neutralised by a leading quote."""
    text = clean(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


# What GitHub would turn into a link or a notification, neutralised by a backslash escape that
# renders as the character itself but splits the text the autolinker scans (cmark-gfm's autolink
# extension matches ``www.``, ``http://``/``https://`` and e-mail addresses in one text run; linkify-it
# also matches bare domains): the dot between two word characters, the ``:`` before ``//``.
_AUTOLINK = re.compile(r"(?<=\w)\.(?=\w)|:(?=//)")


def defuse(text: str) -> str:
    """Already-escaped Markdown text with autolinks and @mentions made inert.

    ``@`` becomes a one-character code span: GitHub neither notifies (mentions are not looked for in
    code) nor links an e-mail address split by it, and the reader still sees ``@``. (A zero-width
    character would itself be hidden text, and a backslash is not enough: ``\\@user`` still
    renders the text ``@user``, which GitHub's mention filter links.)"""
    return _AUTOLINK.sub(lambda m: "\\" + m.group(), text).replace("@", "`@`")
