"""compare (four formats, hostile vendor text escaped) and diff (facts, findings, exit codes)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.caio.helpers import DOMESTIC, OVERSEAS, run, write

HOSTILE_NAME = '=HYPERLINK("http://evil")<script>alert(1)</script>|`x`*y*[l](http://e)\x1b[31m'


def _hostile(tmp_path: Path) -> Path:
    text = DOMESTIC.read_text(encoding="utf-8")
    lines = text.splitlines()
    vendor_at = lines.index("vendor:")
    name_at = next(i for i in range(vendor_at, len(lines)) if lines[i].strip().startswith("name:"))
    indent = lines[name_at][: len(lines[name_at]) - len(lines[name_at].lstrip())]
    lines[name_at] = indent + "name: " + json.dumps(HOSTILE_NAME.replace("\x1b", ""))
    return write(tmp_path / "hostile.yaml", "\n".join(lines) + "\n")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return _hostile(tmp_path)


def _compare(*paths: Path, fmt: str) -> str:
    code, out, err = run(
        "compare",
        *map(str, paths),
        "--format",
        fmt,
        "--no-config",
        "--lang",
        "en",
        "--width",
        "200",
    )
    assert code == 0, err
    return out


def test_compare_terminal(hostile: Path) -> None:
    out = _compare(OVERSEAS, DOMESTIC, hostile, fmt="terminal")
    assert "Bidder comparison" in out
    for label in (
        "Overall risk",
        "CAIO review",
        "Review flags",
        "Failures",
        "Unanswered",
        "Data storage countries",
        "Foreign laws",
        "ISMAP status",
        "Training on customer data",
        "Export formats",
        "Transition support",
        "Governing law",
        "Court",
    ):
        assert label in out, label
    assert "HR-CONFIDENTIAL" in out
    assert "\x1b" not in out


def test_compare_markdown_escapes(hostile: Path) -> None:
    out = _compare(DOMESTIC, hostile, fmt="markdown")
    html = MarkdownIt("commonmark").enable("table").render(out)
    assert "<script" not in html
    assert "<a " not in html
    assert "<code>" not in html
    assert "<em>" not in html
    rows = [r for r in out.splitlines() if r.startswith("|")]
    widths = {r.count("|") - r.count("\\|") for r in rows}
    assert widths == {4}  # item + 2 bidders: every row has the same number of cells


def test_compare_html_escapes(hostile: Path) -> None:
    out = _compare(DOMESTIC, hostile, fmt="html")
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert out.startswith("<!DOCTYPE html>")


def test_compare_csv_neutralises_formulas(hostile: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    code, _, _ = run(
        "compare",
        str(DOMESTIC),
        str(hostile),
        "--format",
        "csv",
        "--no-config",
        "--output",
        str(target),
        "--lang",
        "ja",
    )
    assert code == 0
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0][0] == "項目"
    assert len({len(r) for r in rows}) == 1
    cells = [c for r in rows for c in r]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert any(c.startswith("'=HYPERLINK") for c in cells)


def test_compare_bad_input(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", 'schema_version: "1.0"\nvendr: {}\n')
    code, _, err = run("compare", str(DOMESTIC), str(bad), "--no-config")
    assert code == 2
    assert f"{bad}:2:1: unknown key 'vendr'" in err


# --- diff -------------------------------------------------------------------------------------


def _diff(old: Path, new: Path, fmt: str = "json") -> tuple[int, str]:
    code, out, err = run("diff", str(old), str(new), "--format", fmt, "--no-config", "--lang", "en")
    assert code in (0, 1), err
    return code, out


def test_diff_identical_is_zero() -> None:
    code, out = _diff(DOMESTIC, DOMESTIC)
    doc = json.loads(out)
    assert code == 0
    assert doc["facts"] == []
    assert doc["findings"] == []
    assert doc["worse"] is False


def test_diff_worse_and_better(tmp_path: Path) -> None:
    text = DOMESTIC.read_text(encoding="utf-8")
    assert "  storage: [JP]" in text or "storage:" in text
    worse = write(tmp_path / "worse.yaml", text.replace("ismap: ismap", "ismap: none", 1))
    code, out = _diff(DOMESTIC, worse)
    doc = json.loads(out)
    assert code == 1
    change = next(c for c in doc["facts"] if c["path"] == "security.ismap")
    assert change["kind"] == "changed"
    assert (change["old"], change["new"]) == ("ismap", "none")
    line = text[: text.index("ismap: ismap")].count("\n") + 1
    assert change["old_line"] == change["new_line"] == line
    assert any(f["worse"] and f["new_status"] == "fail" for f in doc["findings"])
    # and back again: better, exit 0
    code, out = _diff(worse, DOMESTIC)
    assert code == 0
    assert not json.loads(out)["worse"]


def test_diff_added_and_removed_fields(tmp_path: Path) -> None:
    old = write(tmp_path / "old.yaml", 'schema_version: "1.0"\nvendor:\n  name: A\n')
    new = write(tmp_path / "new.yaml", 'schema_version: "1.0"\nsystem:\n  name: S\n')
    code, out = _diff(old, new)
    facts = {c["path"]: c for c in json.loads(out)["facts"]}
    assert facts["vendor.name"]["kind"] == "removed"
    assert facts["vendor.name"]["old_line"] == 3
    assert facts["vendor.name"]["new_line"] is None
    assert facts["system.name"]["kind"] == "added"
    assert facts["system.name"]["new_line"] == 3
    assert code == 0  # nothing was answered before either: no finding got worse


def test_diff_markdown_and_terminal(tmp_path: Path) -> None:
    worse = write(
        tmp_path / "worse.yaml",
        DOMESTIC.read_text(encoding="utf-8").replace("ismap: ismap", "ismap: none", 1),
    )
    code, md = _diff(DOMESTIC, worse, "markdown")
    assert code == 1
    assert "# Declaration diff" in md
    assert "security\\.ismap" in md
    code, term = _diff(DOMESTIC, worse, "terminal")
    assert "Some findings got worse" in term
    _, ja, _ = run("diff", str(DOMESTIC), str(worse), "--no-config", "--lang", "ja")
    assert "悪化した指摘があります" in ja


def test_diff_bad_input(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", "schema_version: [\n")
    code, _, err = run("diff", str(DOMESTIC), str(bad), "--no-config")
    assert code == 2
    assert str(bad) + ":" in err
    assert "Traceback" not in err


# --- issue 13: a new review is worse; one escaping policy; inert Markdown -------------------------


def _needs_review(tmp_path: Path) -> Path:
    text = DOMESTIC.read_text(encoding="utf-8")
    return write(
        tmp_path / "review.yaml",
        text.replace(
            "retrieval: [public, class2]",
            "retrieval: [public, class2, class3]",
            1,
        ),
    )


def test_new_review_is_worse_in_every_format(tmp_path: Path) -> None:
    from aiprocure.caio.diff import DeclarationDiff, DiffFormat
    from aiprocure.caio.diff_render import render_diff
    from aiprocure.model.common import Lang

    d = DeclarationDiff("a.yaml", "b.yaml", "low", "low", False, True, [], [])
    assert d.worse
    assert json.loads(render_diff(d, Lang.EN, DiffFormat.JSON))["worse"] is True
    worse_en = render_diff(
        DeclarationDiff("a", "b", "low", "low", False, True, [], []), Lang.EN, DiffFormat.MARKDOWN
    )
    not_worse = render_diff(
        DeclarationDiff("a", "b", "low", "low", True, True, [], []), Lang.EN, DiffFormat.MARKDOWN
    )
    assert worse_en != not_worse
    for fmt in DiffFormat:
        shown = render_diff(d, Lang.EN, fmt)
        assert (
            render_diff(
                DeclarationDiff("a.yaml", "b.yaml", "low", "low", True, True, [], []), Lang.EN, fmt
            )
            != shown
            or fmt is DiffFormat.JSON
        )
    # and through the CLI: the exit status says worse
    new = _needs_review(tmp_path)
    code, out = _diff(DOMESTIC, new)
    doc = json.loads(out)
    assert (doc["old_review"], doc["new_review"]) == (False, True)
    assert not any(f["worse"] for f in doc["findings"])  # only the review makes it worse
    assert doc["worse"] is True
    assert code == 1
    for name in ("markdown", "terminal"):
        assert _diff(DOMESTIC, new, name)[0] == code


HIDDEN = "Acme\x9b31m\u202eevil\U000e0041\u061c\u00ad\u180e\u3164\ufe0f"


def test_diff_json_escapes_like_check(tmp_path: Path) -> None:
    old = write(tmp_path / "old.yaml", 'schema_version: "1.0"\nvendor:\n  name: A\n')
    new = write(
        tmp_path / "new.yaml",
        'schema_version: "1.0"\nvendor:\n  name: "'
        + HIDDEN.encode("unicode_escape").decode().replace("\\x9b", "\\u009b")
        + '"\n',
    )
    code, out = _diff(old, new)
    assert code in (0, 1)
    for raw in ("\x9b", "\u202e", "\U000e0041", "\u061c", "\u00ad", "\u180e", "\u3164", "\ufe0f"):
        assert raw not in out
    assert "\\u009b" in out
    assert "\\u202e" in out
    change = next(c for c in json.loads(out)["facts"] if c["path"] == "vendor.name")
    assert change["new"] == HIDDEN


def test_diff_terminal_and_markdown_show_hidden_characters(tmp_path: Path) -> None:
    old = write(tmp_path / "old.yaml", 'schema_version: "1.0"\nvendor:\n  name: A\n')
    new = write(
        tmp_path / "new.yaml",
        'schema_version: "1.0"\nvendor:\n  name: "x\\U000E0041\\u061Cy"\n',
    )
    out = _diff(old, new, "terminal")[1]
    assert "x<U+E0041><U+061C>y" in out
    html = MarkdownIt("commonmark").enable("table").render(_diff(old, new, "markdown")[1])
    assert "x&lt;U+E0041&gt;&lt;U+061C&gt;y" in html


MENTIONS = "@octocat @my-org/security-team mail admin@example.com"
LINKS = "see www.example.com, https://evil.example/x and http://a.b/c or evil.example.org"


def _linkified(markdown: str) -> tuple[list[str], str]:
    """The link targets and the HTML that markdown-it (CommonMark + GFM tables, linkify on) makes.

    linkify-it matches a superset of cmark-gfm's autolink extension (it also links bare domains
    such as ``evil.example.org``), so text it leaves unlinked GitHub leaves unlinked too."""
    pytest.importorskip("linkify_it")
    parser = MarkdownIt("commonmark", {"linkify": True}).enable(["linkify", "table"])
    tokens = parser.parse(markdown)
    hrefs = []
    for tok in tokens:
        for child in tok.children or []:
            if child.type == "link_open":
                hrefs.append(str(child.attrs.get("href")))
    return hrefs, parser.render(markdown)


def test_markdown_escape_defuses_mentions_and_autolinks() -> None:
    from aiprocure.caio.tables import md
    from aiprocure.render.markdown import vendor

    for esc in (vendor, md):
        text = esc(f"{MENTIONS} {LINKS}")
        hrefs, html = _linkified(f"| a |\n| --- |\n| {text} |\n\n{text}\n")
        assert hrefs == []
        # every @ sits in a code span, where GitHub looks for no mention
        assert html.count("<code>@</code>") == 2 * MENTIONS.count("@")
        # the reader still sees the same characters
        shown = html.split("<p>")[1].split("</p>")[0].replace("<code>@</code>", "@")
        assert shown == f"{MENTIONS} {LINKS}"


def test_compare_and_diff_markdown_have_no_live_links_or_mentions(tmp_path: Path) -> None:
    text = DOMESTIC.read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("name:"))
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines[at] = indent + "name: " + json.dumps(f"{MENTIONS} {LINKS}")
    vendor = write(tmp_path / "v.yaml", "\n".join(lines) + "\n")
    for out in (_compare(DOMESTIC, vendor, fmt="markdown"), _diff(DOMESTIC, vendor, "markdown")[1]):
        hrefs, _ = _linkified(out)
        assert hrefs == []
        assert "@octocat" not in out
    code, out, err = run(
        "check", str(vendor), "--format", "markdown", "--no-config", "--lang", "en"
    )
    assert code in (0, 1), err
    assert _linkified(out)[0] == []


def test_compare_csv_and_markdown_show_controls_and_hidden_characters(tmp_path: Path) -> None:
    text = DOMESTIC.read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("name:"))
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines[at] = indent + 'name: "\\e]52;c;QUFB\\a\\e[2J Acme\\U000E0041\\u202e\\x9b"'
    vendor = write(tmp_path / "v.yaml", "\n".join(lines) + "\n")
    for fmt in ("csv", "markdown", "terminal", "html"):
        out = _compare(DOMESTIC, vendor, fmt=fmt)
        for raw in ("\x1b", "\x07", "\U000e0041", "\u202e", "\x9b"):
            assert raw not in out, (fmt, raw)
    row = next(csv.reader(io.StringIO(_compare(DOMESTIC, vendor, fmt="csv"))))
    assert any("\\x1b]52;c;QUFB\\x07\\x1b[2J Acme<U+E0041>\\u202e\\x9b" in c for c in row)
