"""Vendor text is hostile: markup, escapes, controls and direction overrides never act on a reader.

The terminal report is checked end to end through the CLI (English and Japanese). Other formats are
owned by their renderers' tests; here each format present in ``aiprocure.render.Format`` gets the
cross-format checks below, so this file grows with the registry.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aiprocure.cli import app
from aiprocure.render import Format
from aiprocure.render.safe import clean

# YAML double-quoted escapes put real control characters into the values (raw ones are refused by
# the loader, see tests/bad/raw-escape.yaml): that is the realistic attack.
EVIL_YAML = r"""schema_version: "1.0"
vendor:
  name: "[bold red]MARKUP[/] [link=https://evil.example/]click[/link] \e[2J\e]8;;http://evil/\e\\x\e]8;;\e\\ C1:\x9b31m \u202eRTL\u202c ZW:\u200b\u200d\u2066 <script>alert(1)</script>"
  country: US
system:
  name: "\x1b[31mRED\x1b[0m [italic]sys[/italic] \u2067bidi\u2069 \x07bell \x85nel"
  description: "OSC \x1b]0;title\x07 and CSI \x1b[6n"
use_case:
  task: "[blink]task[/blink] \x9d\x90\x8d"
foreign_law:
  subject_to: ["\u202eCLOUD Act", "[red]x[/red]"]
"""

ESC = "\x1b"
C1 = re.compile("[\x80-\x9f]")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")
runner = CliRunner()


@pytest.fixture
def evil(tmp_path: Path) -> Path:
    path = tmp_path / "evil.yaml"
    path.write_text(EVIL_YAML, encoding="utf-8")
    return path


def run_check(path: Path, *args: str) -> str:
    result = runner.invoke(
        app,
        ["check", str(path), "--width", "200", *args],
        env={"LANG": "C", "SOURCE_DATE_EPOCH": ""},
    )
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def assert_inert(text: str) -> None:
    assert ESC not in text
    assert "\x07" not in text
    assert not C1.search(text), C1.findall(text)
    assert not BIDI.search(text), BIDI.findall(text)
    assert not ZERO_WIDTH.search(text), ZERO_WIDTH.findall(text)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_terminal_report_neutralises_vendor_text(evil: Path, lang: str) -> None:
    out = run_check(evil, "--lang", lang)
    assert_inert(out)
    # rich markup in vendor text is printed literally, not interpreted
    assert "[bold red]MARKUP[/]" in out
    assert "[link=https://evil.example/]click[/link]" in out
    # escapes are shown, visibly
    assert "\\x1b[31mRED" in out
    assert "\\u202e" in out


def test_terminal_report_with_colour_keeps_vendor_text_inert(evil: Path) -> None:
    from aiprocure.api import assess_file, load_checklists
    from aiprocure.model.common import Lang
    from aiprocure.render import terminal

    report = assess_file(evil, load_checklists())
    text = terminal.render([report], Lang.EN, width=200, color=True)
    # the renderer's own colour codes are allowed; the vendor's are not: no clear-screen, no OSC
    # hyperlink, no cursor query, and no rich [link] turned into an OSC 8 hyperlink
    for attack in (
        "\x1b[2J",
        "\x1b]8;;http://evil",
        "\x1b]0;",
        "\x1b[6n",
        "\x1b]8;;https://evil.example",
    ):
        assert attack not in text
    assert not BIDI.search(text)
    assert not C1.search(text)


def test_clean_escapes_every_dangerous_class() -> None:
    for ch in [
        "\x1b",
        "\x07",
        "\x9b",
        "\x85",
        "\u202e",
        "\u2066",
        "\u200b",
        "\u200f",
        "\ufeff",
        "\x7f",
    ]:
        assert ch not in clean(f"a{ch}b")


def test_error_messages_neutralise_file_names(tmp_path: Path) -> None:
    path = tmp_path / "\u202eevil\x1b[2J.yaml"
    path.write_bytes(b"a: 1\na: 2\n")
    result = runner.invoke(app, ["validate", str(path)], env={"LANG": "C"})
    assert result.exit_code == 2
    assert_inert(result.stderr)


# --- cross-format checks, one per format present in the registry ----------------------------------


def _json_ok(text: str) -> None:
    json.loads(text)  # the text round-trips: escaping is the encoder's job


def _xml_ok(text: str) -> None:
    ET.fromstring(text.encode("utf-8"))  # well-formed despite ]]>, <, & and control characters
    assert "<script>" not in text


def _html_ok(text: str) -> None:
    assert "<script>alert(1)" not in text
    assert "[bold red]MARKUP" in text  # shown literally


def _markdown_ok(text: str) -> None:
    assert "<script>" not in text


def _github_ok(text: str) -> None:
    for line in text.splitlines():  # one workflow command per line: no line break smuggled in
        # a workflow command, or one of the plain lines beyond GitHub's annotation limit, which
        # start with "aiprocure: " so that no vendor text can begin a command
        assert not line or line.startswith(("::", "aiprocure: ")), line


CHECKS = {
    "json": _json_ok,
    "sarif": _json_ok,
    "junit": _xml_ok,
    "html": _html_ok,
    "markdown": _markdown_ok,
    "github": _github_ok,
}
# JSON and SARIF are data: C1 and bidi characters may survive as text (JSON only has to escape C0),
# which is the consumer's to display safely. Every other format goes to a human reader.
DATA_FORMATS = {"json", "sarif"}


@pytest.mark.parametrize("name", ["terminal", *CHECKS])
def test_every_format_keeps_vendor_text_inert(evil: Path, name: str) -> None:
    if name not in {f.value for f in Format}:
        pytest.skip(f"format {name!r} is not in aiprocure.render.Format yet")
    out = run_check(evil, "--format", name, "--lang", "en")
    assert ESC not in out
    assert "\x07" not in out
    if name not in DATA_FORMATS:
        assert_inert(out)
    if name in CHECKS:
        CHECKS[name](out)


def test_every_registered_format_is_covered() -> None:
    assert {f.value for f in Format} <= {"terminal", *CHECKS}, (
        "add a cross-format check for the new format"
    )


# --- issue 13: invisible characters, one escaping policy, warnings on input ------------------------

# Each hidden character the issue names, and a sample of the rest of category Cf, variation selectors
# and Hangul fillers.
HIDDEN = {
    "\U000e0041": "<U+E0041>",  # TAG LATIN CAPITAL LETTER A: can carry a hidden sentence
    "\U000e0001": "<U+E0001>",
    "\U000e007f": "<U+E007F>",
    "\u061c": "<U+061C>",  # ARABIC LETTER MARK (bidi)
    "\u00ad": "<U+00AD>",  # SOFT HYPHEN
    "\u180e": "<U+180E>",  # MONGOLIAN VOWEL SEPARATOR
    "\u3164": "<U+3164>",  # HANGUL FILLER
    "\u115f": "<U+115F>",
    "\uffa0": "<U+FFA0>",
    "\ufe0f": "<U+FE0F>",  # VARIATION SELECTOR-16
    "\U000e0100": "<U+E0100>",
    "\u2060": "<U+2060>",  # WORD JOINER (no longer needed by the Markdown renderer)
    "\u206f": "<U+206F>",
    "\ufff9": "<U+FFF9>",
    "\u0600": "<U+0600>",
    "\U0001d173": "<U+1D173>",
    "\u034f": "<U+034F>",
}


@pytest.mark.parametrize("ch", sorted(HIDDEN))
def test_clean_shows_invisible_characters(ch: str) -> None:
    assert clean(f"a{ch}b") == f"a{HIDDEN[ch]}b"


def test_clean_covers_all_of_category_cf() -> None:
    import unicodedata

    for code in range(0x110000):
        ch = chr(code)
        if unicodedata.category(ch) == "Cf":
            assert clean(ch) != ch, f"U+{code:04X}"


def test_clean_keeps_ordinary_text() -> None:
    text = "さくらAIソリューションズ株式会社 — ISO/IEC 27001, 99.9 % ✅ 한국어 العربية"
    assert clean(text) == text
    assert clean("a\tb\nc") == "a\tb\nc"


def test_json_dumps_escapes_what_clean_shows() -> None:
    from aiprocure.render.safe import json_dumps

    value = {"k\u202e": ["\x9b", "\U000e0041", "\u00ad", "\x1b", "ok"]}
    text = json_dumps(value, sort_keys=True)
    assert text == '{"k\\u202e": ["\\u009b", "\\udb40\\udc41", "\\u00ad", "\\u001b", "ok"]}'
    assert json.loads(text) == value


def test_csv_cell_makes_controls_visible_and_guards_formulas() -> None:
    from aiprocure.render.safe import csv_cell

    assert csv_cell("\x1b]52;c;QUFB\x07") == "\\x1b]52;c;QUFB\\x07"
    assert csv_cell("\x1b[2J") == "\\x1b[2J"
    for start in "=+-@":
        assert csv_cell(f"{start}1+1") == f"'{start}1+1"
    assert csv_cell("\tx") == "'\tx"  # tabs stay (CSV quotes them), and are guarded
    assert csv_cell("Acme\U000e0041") == "Acme<U+E0041>"


def test_hidden_characters_warns_at_each_position() -> None:
    from aiprocure.sources.hidden import hidden_characters
    from aiprocure.sources.yamlsrc import parse

    text = (
        'schema_version: "1.0"\n'
        "vendor:\n"
        '  name: "Acme\\U000E0041\\U000E0042"\n'
        "foreign_law:\n"
        '  subject_to: ["ok", "\\u202eCLOUD Act", "x\\u00AD\\u061C\\u180E\\u3164\\uFE0F\\u2060"]\n'
    )
    doc = parse("v.yaml", text.encode())
    warnings = hidden_characters(doc)
    assert [str(w) for w in warnings] == [
        "v.yaml:3:3: vendor.name: hidden or invisible characters U+E0041, U+E0042; "
        "reports show them as <U+XXXX>",
        "v.yaml:5:22: foreign_law.subject_to[1]: hidden or invisible characters U+202E; "
        "reports show them as <U+XXXX>",
        "v.yaml:5:41: foreign_law.subject_to[2]: hidden or invisible characters U+00AD, U+061C, "
        "U+180E, U+3164, U+FE0F (+1); reports show them as <U+XXXX>",
    ]
    assert warnings[0].ja == (
        "vendor.name: 見えない文字または表示順を変える文字 U+E0041, U+E0042 があります。"
        "レポートでは <U+XXXX> の形で表示します"
    )
    assert hidden_characters(parse("ok.yaml", b'schema_version: "1.0"\n')) == []


@pytest.mark.parametrize("name", ["terminal", "markdown", "html", "github", "junit"])
def test_every_reader_format_shows_tag_characters(tmp_path: Path, name: str) -> None:
    path = tmp_path / "tags.yaml"
    path.write_text(
        'schema_version: "1.0"\nvendor:\n  name: "Acme\\U000E0041\\u061C\\u00AD"\n',
        encoding="utf-8",
    )
    result = runner.invoke(
        app,
        ["check", str(path), "--format", name, "--lang", "en", "--width", "200"],
        env={"LANG": "C", "SOURCE_DATE_EPOCH": ""},
    )
    assert result.exit_code == 1, result.stderr
    for ch in ("\U000e0041", "\u061c", "\u00ad"):
        assert ch not in result.stdout
