"""Every format: registered, golden output on the hostile fixture, byte-identical reruns."""

from __future__ import annotations

import importlib

import pytest

from aiprocure import render
from aiprocure.model.common import Lang
from aiprocure.model.findings import Report
from aiprocure.render import SUFFIXES, Format
from tests.conftest import Golden

# Golden file name per format; JSON carries both languages and has one golden only.
GOLDEN_NAMES: dict[Format, str] = {
    Format.JSON: "reports.json",
    Format.SARIF: "reports.{lang}.sarif",
    Format.JUNIT: "reports.{lang}.junit.xml",
    Format.MARKDOWN: "reports.{lang}.md",
    Format.HTML: "reports.{lang}.html",
    Format.GITHUB: "reports.{lang}.github.txt",
}
MINE = sorted(GOLDEN_NAMES)  # the terminal format has its own goldens


def test_every_format_has_a_renderer() -> None:
    for fmt in Format:
        module = importlib.import_module(render._MODULES[fmt])
        assert callable(module.render), fmt


def test_suffixes_name_registered_formats() -> None:
    assert set(SUFFIXES.values()) <= set(Format)
    assert SUFFIXES[".sarif"] is Format.SARIF
    assert SUFFIXES[".html"] is Format.HTML
    assert SUFFIXES[".md"] is Format.MARKDOWN
    assert SUFFIXES[".xml"] is Format.JUNIT


GOLDEN_CASES = [
    (fmt, lang) for fmt in MINE for lang in Lang if fmt is not Format.JSON or lang is Lang.JA
]


@pytest.mark.parametrize(("fmt", "lang"), GOLDEN_CASES)
def test_golden(fmt: Format, lang: Lang, render_reports: list[Report], golden: Golden) -> None:
    golden(GOLDEN_NAMES[fmt].format(lang=lang), render.render(fmt, render_reports, lang))


@pytest.mark.parametrize("fmt", MINE)
def test_deterministic(fmt: Format, render_reports: list[Report]) -> None:
    first = render.render(fmt, render_reports, Lang.JA)
    again = render.render(fmt, [r.model_copy(deep=True) for r in render_reports], Lang.JA)
    assert first.encode() == again.encode()


@pytest.mark.parametrize("fmt", MINE)
def test_single_report_and_no_control_characters(fmt: Format, render_reports: list[Report]) -> None:
    out = render.render(fmt, render_reports[:1], Lang.EN)
    assert out.endswith("\n")
    if fmt is not Format.JSON:  # JSON keeps the data as declared, \u001b-escaped
        assert "\x1b" not in out
        assert "\\x1b" in out  # made visible, not silently dropped
