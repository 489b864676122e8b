"""Markdown: vendor text cannot add HTML, links, code, table cells or mentions to a PR comment."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from aiprocure.model.common import Lang
from aiprocure.model.findings import Report
from aiprocure.render import markdown
from tests.conftest import EVIL

# What GitHub does closely enough for these checks: CommonMark with tables and strikethrough.
MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
        ("a | b", "a \\| b"),
        ("`code`", "\\`code\\`"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("**b** _i_ ~s~ $m$", "\\*\\*b\\*\\* \\_i\\_ \\~s\\~ \\$m\\$"),
        ("a\nb\r\nc", "a b c"),
        ("\x1b[31m", "\\\\x1b\\[31m"),
        ("@team", "`@`team"),  # a code span: GitHub mentions nobody from code
        ("AT&T &amp;", "AT&amp;T &amp;amp;"),
    ],
)
def test_escape(text: str, expected: str) -> None:
    assert markdown.escape(text) == expected


def test_escaped_text_renders_as_the_literal_text() -> None:
    html = MD.renderInline(markdown.escape(EVIL)).replace("<code>@</code>", "@")
    assert "<script" not in html
    assert "<code>" not in html
    assert "<em>" not in html
    assert "<a " not in html
    assert "&lt;script&gt;" in html


def test_hostile_report_renders_without_injected_markup(render_reports: list[Report]) -> None:
    text = markdown.render(render_reports, Lang.EN)
    html = MD.render(text).replace("<code>@</code>", "@")  # how @mentions are made inert
    for tag in ("<script", "<img", "<svg", "<b>", "<a ", "<code>", "<em>", "<strong>bold"):
        assert tag not in html, tag
    # summary first, details folded
    assert text.index("| Vendor compliance risk |") < text.index("<details>")
    assert html.count("<details>") == html.count("</details>")


def test_table_rows_keep_their_cell_count(render_reports: list[Report]) -> None:
    tokens = MD.parse(markdown.render(render_reports, Lang.JA))
    rows: list[int] = []
    cells = 0
    for tok in tokens:
        if tok.type == "tr_open":
            cells = 0
        elif tok.type in ("td_open", "th_open"):
            cells += 1
        elif tok.type == "tr_close":
            rows.append(cells)
    assert rows
    assert set(rows) <= {2, 8}  # summary tables and category tables
