"""Neutralise untrusted text for terminals: control characters, ANSI escapes and bidi overrides
become visible escapes (``\\x1b``) instead of acting on the reader's terminal."""

from __future__ import annotations

import re

# C0 (but tab and newline), DEL and C1 controls, zero-width and direction marks, line/paragraph
# separators, bidi embeddings/overrides/isolates, invisible operators (not U+2060 WORD JOINER,
# which the Markdown renderer uses to defuse @mentions), BOM, and lone surrogates
# (file names that are not valid UTF-8 arrive as surrogate escapes and cannot be printed).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2061-\u2064\u2066-\u2069\ufeff\ud800-\udfff]"
)


def clean(text: str) -> str:
    """Replace every control or direction-override character by a visible escape."""
    return _UNSAFE.sub(
        lambda m: (
            f"\\u{ord(m.group()):04x}" if ord(m.group()) > 0xFF else f"\\x{ord(m.group()):02x}"
        ),
        text,
    )
