"""Escaping for the CAIO tables (vendor text is untrusted in every format) and rendering of a
simple labelled grid to terminal, Markdown, HTML and CSV."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from aiprocure.render.safe import clean, csv_cell, defuse

if TYPE_CHECKING:
    from jinja2 import Template

# rich and jinja2 are imported where they are used: every command imports this module (through
# the CAIO commands' registration), and `check` should not pay for them at start-up.

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def one_line(text: str) -> str:
    return " ".join(clean(text).split())


def md(text: str) -> str:
    """Text safe in a Markdown table cell: no pipes, HTML, code spans, links, autolinks, @mentions
    or emphasis."""
    s = one_line(text).replace("&", "&amp;").replace("<", "&lt;")
    return defuse(_MD_SPECIAL.sub(r"\\\1", s))


__all__ = ["csv_cell", "grid_csv", "grid_html", "grid_markdown", "grid_terminal", "md", "to_text"]

Grid = Sequence[tuple[str, Sequence[str]]]


def grid_markdown(title: str, header: Sequence[str], rows: Grid) -> str:
    out = [f"# {md(title)}", ""]
    out.append("| " + " | ".join(md(h) for h in header) + " |")
    out.append("|" + "---|" * len(header))
    for label, cells in rows:
        out.append("| " + " | ".join(md(c) for c in [label, *cells]) + " |")
    return "\n".join(out) + "\n"


_HTML = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
body { font-family: system-ui, "Hiragino Sans", "Yu Gothic", sans-serif; margin: 2rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #999; padding: .3rem .6rem; text-align: left; vertical-align: top; }
thead th { background: #eee; }
tbody th { background: #f7f7f7; font-weight: normal; }
</style>
</head>
<body>
<h1>{{ title }}</h1>
<table>
<thead><tr>{% for h in header %}<th scope="col">{{ h }}</th>{% endfor %}</tr></thead>
<tbody>
{% for label, cells in rows %}<tr><th scope="row">{{ label }}</th>{% for c in cells %}<td>{{ c }}</td>{% endfor %}</tr>
{% endfor %}</tbody>
</table>
</body>
</html>
"""


@cache
def _html_template() -> Template:
    from jinja2 import Environment

    return Environment(autoescape=True, keep_trailing_newline=True).from_string(_HTML)


def grid_html(title: str, header: Sequence[str], rows: Grid, lang: str) -> str:
    clean_rows = [(one_line(label), [one_line(c) for c in cells]) for label, cells in rows]
    return _html_template().render(
        title=one_line(title), header=[one_line(h) for h in header], rows=clean_rows, lang=lang
    )


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
