"""Escaping for the CAIO tables (vendor text is untrusted in every format) and rendering of a
simple labelled grid to terminal, Markdown and CSV (the HTML comparison is ``render.html_compare``)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from aiprocure.render.safe import clean, csv_cell, defuse

# rich is imported where it is used: every command imports this module (through
# the CAIO commands' registration), and `check` should not pay for it at start-up.

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def one_line(text: str) -> str:
    return " ".join(clean(text).split())


def md(text: str) -> str:
    """Text safe in a Markdown table cell: no pipes, HTML, code spans, links, autolinks, @mentions
    or emphasis."""
    s = one_line(text).replace("&", "&amp;").replace("<", "&lt;")
    return defuse(_MD_SPECIAL.sub(r"\\\1", s))


__all__ = ["csv_cell", "grid_csv", "grid_markdown", "grid_terminal", "md", "to_text"]

Grid = Sequence[tuple[str, Sequence[str]]]


def grid_markdown(title: str, header: Sequence[str], rows: Grid) -> str:
    out = [f"# {md(title)}", ""]
    out.append("| " + " | ".join(md(h) for h in header) + " |")
    out.append("|" + "---|" * len(header))
    for label, cells in rows:
        out.append("| " + " | ".join(md(c) for c in [label, *cells]) + " |")
    return "\n".join(out) + "\n"


def grid_csv(header: Sequence[str], rows: Grid) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    for label, cells in rows:
        writer.writerow([csv_cell(c) for c in [label, *cells]])
    return buf.getvalue()


_MIN_CELLS, _WORD_CELLS = 8, 16  # a column is never narrower (unless its text is), nor a word


def column_widths(header: Sequence[str], rows: Grid, width: int) -> list[int] | None:
    """Cells per column for a table ``width`` columns wide, or None when the columns cannot all
    get a readable width. Each column gets at least its longest word (between 8 and 16 cells, or
    its widest text when narrower); what is left goes to the columns whose text is wider, in
    proportion to what they lack. The label column takes at most a third of the line."""
    from aiprocure.caio.wrap import cell_len, pieces

    n = len(header)
    room = width - 2 - 3 * n + 1  # a one-cell edge each side, padding, dividers
    columns = [[one_line(header[i]), *(one_line([label, *cells][i]) for label, cells in rows)]
               for i in range(n)]  # fmt: skip
    natural = [max(cell_len(t) for t in col) or 1 for col in columns]
    if n > 1:
        natural[0] = min(natural[0], max(_MIN_CELLS, room // 3))
    word = [max((cell_len(p) for t in col for p in pieces(t)), default=1) for col in columns]
    least = [
        min(nat, max(_MIN_CELLS, min(w, _WORD_CELLS))) for nat, w in zip(natural, word, strict=True)
    ]
    if n > 1:  # the labels are short phrases: a quarter of the line keeps them readable
        least[0] = min(natural[0], max(least[0], room // 4))
    if sum(least) > room:
        return None
    extra = room - sum(least)
    want = [nat - low for nat, low in zip(natural, least, strict=True)]
    total = sum(want)
    if total <= extra:
        return natural
    return [low + (extra * w) // total for low, w in zip(least, want, strict=True)]


def _cards(title: str, header: Sequence[str], rows: Grid, width: int) -> str:
    """Rows as blocks of ``header: value`` lines, for a console too narrow for the columns."""
    from aiprocure.caio.wrap import cell_len, wrap

    out = [*wrap(one_line(title), width), ""]
    key = min(max(cell_len(one_line(h)) for h in header), max(8, width // 3))
    for label, cells in rows:
        for h, text in zip(header, [label, *cells], strict=True):
            keys = wrap(one_line(h), key)
            values = wrap(one_line(text), width - key - 2)
            for i in range(max(len(keys), len(values))):
                k = keys[i] if i < len(keys) else ""
                v = values[i] if i < len(values) else ""
                out.append((k + " " * (key - cell_len(k)) + "  " + v).rstrip())
        out.append("")
    return "\n".join(out)


def grid_terminal(title: str, header: Sequence[str], rows: Grid, *, width: int = 100) -> str:
    """A table ``width`` columns wide (the console's: ``wrap.console_width``), each cell wrapped
    to its column by cell width (Japanese included), never cut; when the columns cannot all be
    readable at that width, one block of ``header: value`` lines per row instead."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from aiprocure.caio.wrap import wrap

    widths = column_widths(header, rows, width)
    if widths is None:
        return _cards(title, header, rows, width)

    def cell(text: str, i: int) -> Text:
        return Text("\n".join(wrap(one_line(text), widths[i])))

    heading = Text("\n".join(wrap(one_line(title), width)))
    table = Table(title=heading, box=box.SIMPLE_HEAD, title_justify="left")
    for i, h in enumerate(header):
        table.add_column(cell(h, i), overflow="fold", width=widths[i])
    for label, cells in rows:
        table.add_row(*(cell(c, i) for i, c in enumerate([label, *cells])))
    return to_text(table, width=width)


def to_text(renderable: object, *, width: int = 100) -> str:
    from rich.console import Console

    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        color_system=None,
        no_color=True,
        emoji=False,
        highlight=False,
        legacy_windows=False,
    )
    console.print(renderable)
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))
