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


def test_a_bare_url_in_vendor_text_is_not_autolinked(render_reports: list[Report]) -> None:
    """GitHub autolinks bare URLs; vendor text with one must stay text in the report."""
    report = render_reports[1]
    phish = report.model_copy(
        update={
            "subject": report.subject.model_copy(
                update={"vendor": "https://phish.example/x", "system": "www.phish.example"}
            )
        }
    )
    text = markdown.render([phish], Lang.EN)
    parser = MarkdownIt("commonmark", {"linkify": True}).enable(["linkify", "table"])
    hrefs = [
        str(child.attrs.get("href"))
        for tok in parser.parse(text)
        for child in tok.children or []
        if child.type == "link_open"
    ]
    assert not [h for h in hrefs if "phish" in h]
    assert "phish" in parser.render(text)


def test_the_comment_fits_the_limit_summary_first(render_reports: list[Report]) -> None:
    from aiprocure.render.options import RenderOptions

    batch = render_reports * 20
    whole = markdown.render(batch, Lang.EN)
    limit = len(whole) // 3
    cut = markdown.render(batch, Lang.EN, options=RenderOptions(max_chars=limit))
    assert len(cut) <= limit
    assert cut.startswith(whole[:200])
    assert "cut to fit GitHub's comment limit" in cut
    assert "-o report.md" in cut
    assert markdown.render(batch, Lang.EN, options=RenderOptions(max_chars=len(whole))) == whole
    ja = markdown.render(batch, Lang.JA, options=RenderOptions(max_chars=limit))
    assert "GitHub のコメント上限" in ja
