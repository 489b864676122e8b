"""Wrapping text to a width in terminal cells, for Japanese as well as English.

A CJK character takes two cells. Japanese has no spaces: a line may break between any two of its
characters, except before closing punctuation (、。）」 …) or after an opening one (（「 …), the
basic rule (禁則) a reader expects. Latin words break at spaces, and a word longer than the line
breaks after ``/``, ``-``, ``_``, ``.`` or ``,`` when it can, else where the line is full. Nothing is
ever cut off or replaced by "…": every character of the text is in the lines.
"""

from __future__ import annotations

import shutil
import unicodedata

_NO_START = frozenset(
    "、。，．,.)）」』】〕〉》]｝}ー・：；:;？！?!ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〜"
)
_NO_END = frozenset("（「『【〔〈《[｛{(")
_SOFT = frozenset("/-_.,")

MIN_WIDTH, MAX_WIDTH, DEFAULT_WIDTH = 40, 400, 100


def console_columns() -> int | None:
    """The console's width when there is one to fit: ``COLUMNS``, else the terminal standard
    output is; None for a pipe or a file (a line-per-setting listing stays greppable there)."""
    import os
    import sys

    cols = os.environ.get("COLUMNS", "")
    if cols.isdigit() and int(cols) > 0:
        return max(MIN_WIDTH, min(MAX_WIDTH, int(cols)))
    try:
        if sys.stdout.isatty():
            return max(MIN_WIDTH, min(MAX_WIDTH, os.get_terminal_size(sys.stdout.fileno()).columns))
    except (OSError, ValueError):
        return None
    return None


def console_width(given: int | None = None) -> int:
    """``given``, else the console's width (``COLUMNS``, then the terminal), else 100; kept
    between 40 and 400 columns."""
    if given is not None:
        return given
    cols = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    return max(MIN_WIDTH, min(MAX_WIDTH, cols or DEFAULT_WIDTH))


def cell_len(text: str) -> int:
    """Terminal cells of ``text``, as Rich counts them (imported here, not at start-up)."""
    from rich.cells import cell_len as rich_cell_len

    return rich_cell_len(text)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _tokens(text: str) -> list[str]:
    """Pieces a line may break between: runs of spaces, Latin words, single wide characters
    (closing punctuation stays with the piece before it, opening with the one after)."""
    out: list[str] = []
    for ch in text:
        if ch == " ":
            if out and out[-1].isspace():
                out[-1] += ch
            else:
                out.append(ch)
            continue
        prev = out[-1] if out else ""
        if prev and not prev.isspace():
            last = prev[-1]
            if ch in _NO_START or last in _NO_END or not (_wide(ch) or _wide(last)):
                out[-1] += ch
                continue
        out.append(ch)
    return out


def pieces(text: str) -> list[str]:
    """The pieces ``wrap`` keeps together (words, a wide character with its punctuation)."""
    return [t for t in _tokens(text) if not t.isspace()]


def _split_long(word: str, width: int) -> list[str]:
    """A piece wider than the line, in lines: after a soft break character when there is one."""
    parts: list[str] = []
    while cell_len(word) > width:
        cut, used = 0, 0
        soft = 0
        for i, ch in enumerate(word):
            w = cell_len(ch)
            if used + w > width:
                break
            used += w
            cut = i + 1
            if ch in _SOFT:
                soft = i + 1
        cut = soft or max(cut, 1)  # after the last '/', '-'... that fits, else where it is full
        parts.append(word[:cut])
        word = word[cut:]
    if word:
        parts.append(word)
    return parts


def wrap(text: str, width: int) -> list[str]:
    """``text`` (one paragraph per line) as lines of at most ``width`` cells."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for token in _tokens(paragraph):
            w = cell_len(token)
            if token.isspace():
                if line:
                    line, used = line + token, used + w
                continue
            if used + w > width and line.strip():
                lines.append(line.rstrip())
                line, used = "", 0
            if w > width:  # alone on its lines, broken where it can be
                if line.strip():
                    lines.append(line.rstrip())
                *full, rest = _split_long(token, width)
                lines.extend(full)
                line, used = rest, cell_len(rest)
            else:
                line, used = line + token, used + w
        lines.append(line.rstrip())
    return lines


def wrap_hanging(text: str, width: int, indent: int = 4) -> list[str]:
    """``wrap``, the lines after the first indented by ``indent`` spaces (and wrapped to fit)."""
    lines = wrap(text, width)
    if len(lines) <= 1:
        return lines
    rest = text[len(lines[0]) :].lstrip(" ")
    return [lines[0], *(" " * indent + line for line in wrap(rest, max(1, width - indent)))]
