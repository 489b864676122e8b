"""Characters that must not reach a reader as they are: controls, direction overrides and
invisible characters. The data for the one escaping policy (``render.safe``) and for the warning on
a declaration that holds them (``sources.hidden``)."""

from __future__ import annotations

import re

# C0 (but tab and newline), DEL and C1 controls, zero-width and direction marks, line/paragraph
# separators, bidi embeddings/overrides/isolates, invisible operators, BOM, and lone surrogates
# (file names that are not valid UTF-8 arrive as surrogate escapes and cannot be printed).
_CONTROL = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2061-\u2064\u2066-\u2069"
    "\ufeff\ud800-\udfff"
)
# Invisible or default-ignorable characters beyond those: Unicode category Cf (as of Unicode 14,
# Python 3.11), variation selectors, Hangul fillers, U+034F and the Khmer inherent vowels.
_INVISIBLE = (
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u2060\u206a-\u206f\u3164\ufe00-\ufe0f\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff"
)
UNSAFE = re.compile(f"[{_CONTROL}{_INVISIBLE}]")
INVISIBLE = re.compile(f"[{_INVISIBLE}]")


def invisible_characters(text: str) -> list[str]:
    """The characters of ``text`` that ``render.safe.clean`` escapes, as ``U+XXXX``, in order, once."""
    seen: dict[str, None] = {}
    for match in UNSAFE.finditer(text):
        seen.setdefault(f"U+{ord(match.group()):04X}", None)
    return list(seen)
