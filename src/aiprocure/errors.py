"""Positioned input problems. Bad input is never a traceback: it is a list of these, exit 2.

Every problem is stated in English and Japanese where it is made (``message`` and ``ja``); the
CLI prints the one of the run's language. Only the English text takes part in ordering and
equality, so both languages print the same problems in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One user-facing error at a 1-based position in a file."""

    path: str
    line: int
    col: int
    message: str
    # The Japanese text; None only for a problem made by a program that gave no Japanese (the
    # English is shown then).
    ja: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"

    def text(self, lang: str) -> str:
        """The message in ``lang`` ("ja" or "en"; a ``Lang`` is one of these)."""
        return self.ja if lang == "ja" and self.ja is not None else self.message

    def show(self, lang: str) -> str:
        """``path:line:col: message`` in ``lang``."""
        return f"{self.path}:{self.line}:{self.col}: {self.text(lang)}"


# At most this many problems are kept: a hostile file must not flood a CI log with a million lines.
MAX_PROBLEMS = 100
TOO_MANY = "too many problems; the rest are not shown"
TOO_MANY_JA = "問題が多すぎるため、以降は表示しません"


class InputError(Exception):
    """Raised with every problem found in an input (up to ``MAX_PROBLEMS``); the CLI prints them and
    exits 2. When there are more, the last one kept says so, at the position of the first left out."""

    def __init__(self, problems: list[Problem]) -> None:
        ordered = sorted(problems)
        if len(ordered) > MAX_PROBLEMS:
            first_dropped = ordered[MAX_PROBLEMS]
            ordered = [
                *ordered[:MAX_PROBLEMS],
                Problem(
                    first_dropped.path,
                    first_dropped.line,
                    first_dropped.col,
                    TOO_MANY,
                    TOO_MANY_JA,
                ),
            ]
        self.problems = ordered
        super().__init__("\n".join(str(p) for p in self.problems))
