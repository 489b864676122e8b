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


def grid_terminal(title: str, header: Sequence[str], rows: Grid, *, width: int = 100) -> str:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(clean(title)), box=box.SIMPLE_HEAD, title_justify="left")
    for h in header:
        table.add_column(Text(clean(h)), overflow="fold")
    for label, cells in rows:
        table.add_row(*(Text(clean(c)) for c in [label, *cells]))
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
