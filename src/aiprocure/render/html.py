"""A self-contained, printable HTML report: the CAIO's meeting pack.

One file with no external assets and no scripts: inline CSS (``templates/_style.css``, shared with
the bidder comparison), printed on A4 with page numbers and the vendor and system in a running
header (CSS paged media: one named page per declaration), the category scores as inline SVG bars,
and a Content-Security-Policy that forbids scripts even if some text were ever to escape. Each
declaration opens with an overview a CAIO reads in a minute (the two verdicts, the review flags
with their reasons, counts by status, the conditions of acceptance, the declaration's date and
digest); the details follow on the next page.

Each declaration's section is written by ``html_report`` (every value escaped, vendor text through
``safe.clean`` first); ``Pack`` puts the document together piece by piece, so that a sink can
write the sections as they come and the head — which names every declaration (their running
headers and the table of contents) — last. The comparison page is a Jinja2 template
(``environment``), rendered with autoescape on.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from aiprocure.model.common import Lang
from aiprocure.model.findings import Report
from aiprocure.render import html_report as part
from aiprocure.render import html_view as view
from aiprocure.render.i18n import t
from aiprocure.render.safe import clean

if TYPE_CHECKING:
    from jinja2 import Environment

TAIL = "</main>\n</body>\n</html>\n"


@cache
def environment() -> Environment:
    """The templates' environment (the comparison page, ``html_compare``)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("aiprocure.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["clean"] = clean
    return env


def common(lang: Lang) -> dict[str, Any]:
    """What every template uses: phrases, page names, the running header's CSS string."""
    return {
        "lang": lang,
        "t": lambda key, **kw: t(key, lang, **kw),
        "css_string": view.css_string,
        "page_name": view.page_name,
        "running_header": view.running_header,
    }


@cache
def style() -> str:
    """The shared style sheet, as the templates include it."""
    return (resources.files("aiprocure.render") / "templates" / "_style.css").read_text("utf-8")


class Pack:
    """The meeting pack, piece by piece: ``add`` each report (its page style, its row of the
    contents, its section), then the document is ``opening()`` + every page style +
    ``contents_start()`` + every contents row (only when ``count > 1``) + ``contents_end()`` +
    every section + ``TAIL``."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.count = 0
        self._title = ""  # the first declaration's, named by a pack of one

    def add(self, report: Report) -> tuple[str, str, str]:
        """The report's page style, contents row and section."""
        index = self.count
        if not index:
            s = report.subject
            self._title = part.text(s.vendor or s.declaration)
        self.count += 1
        return (
            part.page_style(report, index),
            part.toc_row(report, index, self.lang),
            part.section(report, index, self.lang),
        )

    def opening(self) -> str:
        lang = self.lang
        name = part.phrase("report_title", lang)
        title = f"{name} — {self._title}" if self.count == 1 else name
        return (
            f'<!DOCTYPE html>\n<html lang="{part.esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'\">\n"
            f'<meta name="generator" content="aiprocure">\n<title>{title}</title>\n<style>\n'
            f"{style()}@page {{ size: A4; margin: 16mm 12mm 15mm;\n"
            f"  @top-left {{ content: {view.css_string(t('report_title', lang))}; font-size: 8pt;"
            " color: #555555; }\n"
            f"  @bottom-right {{ content: {view.css_string(t('html.page', lang) + ' ')}"
            ' counter(page) " / " counter(pages); font-size: 8pt; color: #555555; } }\n'
        )

    def contents_start(self) -> str:
        lang = self.lang
        cover = view.page_name(0) if self.count == 1 else "cover"
        text = (
            f'</style>\n</head>\n<body>\n<header class="{cover}">\n'
            f"<h1>{part.phrase('report_title', lang)}</h1>\n"
        )
        if self.count > 1:
            contents = part.phrase("html.contents", lang)
            cols = (
                f"{part.phrase('vendor', lang)} / {part.phrase('system', lang)}",
                part.phrase("verdict.risk", lang),
                part.phrase("verdict.determination", lang),
            )
            head = "".join(f'<th scope="col">{c}</th>' for c in cols)
            text += (
                f'<nav class="toc" aria-label="{contents}">\n<table>\n'
                f'<caption class="muted small">{contents}</caption>\n'
                f'<thead><tr><th scope="col">#</th>{head}</tr></thead>\n<tbody>\n'
            )
        return text

    def contents_end(self) -> str:
        toc = "</tbody>\n</table>\n</nav>\n" if self.count > 1 else ""
        return f"{toc}</header>\n<main>\n"


def render(reports: Sequence[Report], lang: Lang) -> str:
    pack = Pack(lang)
    styles, rows, sections = [], [], []
    for report in reports:
        page, row, section = pack.add(report)
        styles.append(page)
        rows.append(row)
        sections.append(section)
    toc = "".join(rows) if pack.count > 1 else ""
    return "".join(
        [
            pack.opening(),
            *styles,
            pack.contents_start(),
            toc,
            pack.contents_end(),
            *sections,
            TAIL,
        ]
    )
