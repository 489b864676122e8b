"""Positioned input problems. Bad input is never a traceback: it is a list of these, exit 2."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One user-facing error at a 1-based position in a file."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


# At most this many problems are kept: a hostile file must not flood a CI log with a million lines.
MAX_PROBLEMS = 100
TOO_MANY = "too many problems; the rest are not shown"


class InputError(Exception):
    """Raised with every problem found in an input (up to ``MAX_PROBLEMS``); the CLI prints them and
    exits 2. When there are more, the last one kept says so, at the position of the first left out."""

    def __init__(self, problems: list[Problem]) -> None:
        ordered = sorted(problems)
        if len(ordered) > MAX_PROBLEMS:
            first_dropped = ordered[MAX_PROBLEMS]
            ordered = [
                *ordered[:MAX_PROBLEMS],
                Problem(first_dropped.path, first_dropped.line, first_dropped.col, TOO_MANY),
            ]
        self.problems = ordered
        super().__init__("\n".join(str(p) for p in self.problems))
