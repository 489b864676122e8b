"""The format 2.0 hostile fixture (tests/fixtures/hostile-2.0.yaml): conditions, options,
exceptions and per-fact evidence carry vendor text into the report. It is read as written (the
index keeps it raw: escaping is each renderer's, render/safe.py), and every format renders it with
no control, escape or direction character reaching a human reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from aiprocure import api
from aiprocure.cli import app
from tests.formats.test_injection import DATA_FORMATS, ESC, assert_inert

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "fixtures" / "hostile-2.0.yaml"
FORMATS = ["terminal", "json", "sarif", "junit", "markdown", "html", "github"]
runner = CliRunner()


def test_the_hostile_text_is_kept_raw_in_the_index() -> None:
    _, doc = api.load_declaration(HOSTILE)
    details = {c.detail for c in doc.facts.conditions()}
    assert "| pipe | `tick` ]]> <![CDATA[ x ]]> %0A \x08\x0b\x0c" in details
    notes = {n.detail for n in doc.facts.notes()}
    assert '<a href="javascript:alert(3)">law</a> \x9b31m' in notes
    info = doc.facts.get(("data_locations", "storage"))
    assert info is not None
    assert info.evidence[0].document.startswith("Line one\nLine two\r\n")


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("name", FORMATS)
def test_every_format_renders_the_2_0_forms_inert(name: str, lang: str) -> None:
    result = runner.invoke(
        app,
        ["check", str(HOSTILE), "--format", name, "--lang", lang, "--width", "200"],
        env={"LANG": "C", "SOURCE_DATE_EPOCH": ""},
    )
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert ESC not in result.stdout
    if name not in DATA_FORMATS:
        assert_inert(result.stdout)
