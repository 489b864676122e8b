"""Regular expressions of rule packs (``matches``), safe by construction.

A pack's pattern runs against vendor text, so a pattern that backtracks (``^([A-Za-z]+\\s?)*$``
took 56-89 s on a 31-character title with Python's ``re``) would let a pack, or a vendor against a
careless pack, stall every run. Patterns are therefore compiled with RE2 (``google-re2``), whose
matching time is linear in the text whatever the pattern: there is nothing to bound at run time.
RE2 has no backreferences and no lookaround (they are what needs backtracking); a pattern that uses
them is refused when the pack is loaded and by ``lint-checklist``, which says why. Its syntax is
otherwise Python's for what packs use (classes, ``(?i)``, ``\\d``, ``\\s``, ``{m,n}``), except that
``\\d``, ``\\s`` and ``\\w`` are ASCII-only.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

import re2

MAX_PATTERN = 500  # characters; model/conditions/language.py `_MatchesArgs`
_MAX_MEM = 8 << 20  # bytes of RE2 program memory per pattern: a pattern that needs more is refused


class Regex(Protocol):
    def search(self, text: str) -> object | None: ...


class PatternError(ValueError):
    """A pattern RE2 refuses: ``reason`` says why (English, Japanese)."""

    def __init__(self, en: str, ja: str) -> None:
        super().__init__(en)
        self.en, self.ja = en, ja


def _options() -> re2.Options:
    options = re2.Options()
    options.log_errors = False  # RE2 would print to stderr
    options.max_mem = _MAX_MEM
    return options


@lru_cache(maxsize=256)
def compile_pattern(pattern: str) -> Regex:
    """The compiled pattern, or PatternError saying why it cannot be used."""
    try:
        rx: Regex = re2.compile(pattern, options=_options())
    except re2.error as exc:
        detail = (
            exc.args[0].decode("utf-8", "replace")
            if exc.args and isinstance(exc.args[0], bytes)
            else str(exc)
        )
        raise PatternError(
            f"invalid regular expression: {detail} (patterns are RE2 syntax, matched in linear "
            "time: no backreferences, no lookahead or lookbehind)",
            f"正規表現が正しくありません: {detail}（パターンは RE2 の構文で、線形時間で照合します。"
            "後方参照・先読み・後読みは使えません）",
        ) from None
    return rx
