"""Styled lines for the terminal report, wrapped by display cells and never cut.

A text is a sequence of ``(text, style)`` pieces; :func:`wrap` breaks it into lines no wider than
a given number of terminal cells (rich's cell widths: a CJK character takes two). Lines break at
spaces and, since Japanese has none, between two wide characters — not before closing punctuation
(、。）」…) nor after opening punctuation (（「…), the usual kinsoku rules. A word longer than its
line is folded onto the next line, never shortened. Nothing here parses markup: vendor text is
placed as it is (after ``safe.clean``), so ``[bold]`` stays the five characters it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rich.cells import cell_len, get_character_cell_size

Piece = tuple[str, str]  # (text, style); style "" is plain
Line = list[Piece]

_WIDE = (
    "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd"
)
_TOKEN = re.compile(rf"\s+|[{_WIDE}]|[^\s{_WIDE}]+")
# Kinsoku: characters a line may not start with (they stay with what precedes them) ...
_NO_START = frozenset(
    "、。，．・：；？！ー―）」』】〕〉》〙〗｝］’”ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々〻"
    ")]},.;:!?%"
)
# ... and characters a line may not end with (they stay with what follows).
_NO_END = frozenset("（「『【〔〈《〘〖｛［‘“([{")


def _words(text: str) -> list[list[int]]:
    """``[start, end, cells, is_space]`` for each unbreakable run of ``text``."""
    words: list[list[int]] = []
    glue = False
    for m in _TOKEN.finditer(text):
        s = m.group()
        if s[0].isspace():
            words.append([m.start(), m.end(), len(s), 1])
            glue = False
            continue
        w = len(s) if s.isascii() else cell_len(s)
        if words and not words[-1][3] and (glue or s[0] in _NO_START):
            words[-1][1] = m.end()
            words[-1][2] += w
        else:
            words.append([m.start(), m.end(), w, 0])
        glue = s[-1] in _NO_END
    return words


def _fold(text: str, start: int, end: int, avail: int, width: int) -> tuple[list[int], int, int]:
    """Cut ``text[start:end]`` (too wide for one line) into line breaks: the offsets where new
    lines start, and the cells and start of the last, unfinished line."""
    breaks: list[int] = []
    used = 0
    for i in range(start, end):
        w = get_character_cell_size(text[i])
        if used + w > avail and used:
            breaks.append(i)
            used, avail = 0, width
        used += w
    return breaks, used, (breaks[-1] if breaks else start)


def wrap_plain(text: str, width: int, first: int) -> tuple[tuple[int, int], ...]:
    """The ``(start, end)`` of each line of ``text``: the first at most ``first`` cells, the others
    at most ``width``. Spaces at a break are dropped; nothing else is. The phrases and rule texts
    recur in every report of a batch: short texts are remembered."""
    if len(text) <= first and (text.isascii() or cell_len(text) <= first):  # fits as it is
        return ((0, len(text.rstrip())),)
    if len(text) <= 400:
        return _wrap_cached(text, width, first)
    return _wrap(text, width, first)


@lru_cache(maxsize=4096)
def _wrap_cached(text: str, width: int, first: int) -> tuple[tuple[int, int], ...]:
    return _wrap(text, width, first)


def _wrap(text: str, width: int, first: int) -> tuple[tuple[int, int], ...]:
    lines: list[tuple[int, int]] = []
    start = -1  # start of the current line, -1 while it is empty
    end = used = pending = 0
    avail = first
    for ws, we, w, space in _words(text):
        if space:
            if start >= 0:
                pending += w
            elif not lines:  # leading spaces of the first line are indentation: kept
                start, end, used = ws, we, w
            continue
        if start >= 0 and used + pending + w <= avail:
            end, used, pending = we, used + pending + w, 0
            continue
        if start >= 0:
            lines.append((start, end))
            avail = width
        pending = 0
        if w <= avail:
            start, end, used = ws, we, w
            continue
        breaks, used, last = _fold(text, ws, we, avail, width)
        prev = ws
        for b in breaks:
            lines.append((prev, b))
            prev = b
        avail = width
        start, end = last, we
    if start >= 0:
        lines.append((start, end))
    return tuple(lines) or ((0, 0),)


def _slice(pieces: Sequence[Piece], a: int, b: int) -> Line:
    out: Line = []
    pos = 0
    for text, style in pieces:
        nxt = pos + len(text)
        if nxt > a and pos < b:
            out.append((text[max(a - pos, 0) : b - pos], style))
        pos = nxt
        if pos >= b:
            break
    return out


def wrap(pieces: Sequence[Piece], width: int, first: int | None = None) -> list[Line]:
    """``pieces`` as lines of at most ``width`` cells (the first at most ``first``)."""
    text = "".join(p[0] for p in pieces)
    ranges = wrap_plain(text, max(width, 2), max(width if first is None else first, 2))
    if len(pieces) == 1:
        style = pieces[0][1]
        return [[(text[a:b], style)] for a, b in ranges]
    return [_slice(pieces, a, b) for a, b in ranges]


def width_of(line: Sequence[Piece]) -> int:
    return sum(cell_len(t) for t, _ in line)


def pad(line: Line, width: int, right: bool = False) -> Line:
    gap = width - width_of(line)
    if gap <= 0:
        return line
    return [(" " * gap, ""), *line] if right else [*line, (" " * gap, "")]


class Page:
    """The report's lines under construction, for a console ``width`` cells wide."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[Line] = []

    def blank(self) -> None:
        self.lines.append([])

    def add(self, pieces: Sequence[Piece], indent: int = 0, hang: int | None = None) -> None:
        """A paragraph: its first line ``indent`` cells in, the following ``hang`` cells in."""
        hang = indent if hang is None else hang
        for i, line in enumerate(wrap(pieces, self.width - hang, self.width - indent)):
            lead = indent if i == 0 else hang
            self.lines.append([(" " * lead, ""), *line] if lead else line)

    def columns(
        self, cells: Sequence[Sequence[Piece]], widths: Sequence[int], indent: int = 0, gap: int = 2
    ) -> None:
        """One table row: each cell wrapped in its column (a negative width: right-aligned)."""
        wrapped = [wrap(c, abs(w)) for c, w in zip(cells, widths, strict=True)]
        for i in range(max(len(w) for w in wrapped)):
            line: Line = [(" " * indent, "")] if indent else []
            for j, (cell, w) in enumerate(zip(wrapped, widths, strict=True)):
                if j:
                    line.append((" " * gap, ""))
                line += pad(cell[i] if i < len(cell) else [], abs(w), right=w < 0)
            self.lines.append(line)


def _rstrip(line: Line) -> Line:
    line = list(line)
    while line and not line[-1][0].rstrip():
        line.pop()
    if line:
        text, style = line[-1]
        line[-1] = (text.rstrip(), style)
    return line


@lru_cache(maxsize=64)
def _codes(style: str) -> tuple[str, str]:
    from rich.color import ColorSystem
    from rich.style import Style

    marked = Style.parse(style).render("\0", color_system=ColorSystem.STANDARD)
    before, _, after = marked.partition("\0")
    return before, after


def to_text(lines: Sequence[Line], color: bool) -> str:
    """The lines as text (ANSI colours if ``color``), trailing spaces removed."""
    out: list[str] = []
    for raw in lines:
        line = _rstrip(raw)
        if not color:
            out.append("".join(t for t, _ in line))
            continue
        parts = []
        for text, style in line:
            if style and text:
                before, after = _codes(style)
                parts.append(before + text + after)
            else:
                parts.append(text)
        out.append("".join(parts))
    return "\n".join(out) + "\n"
