"""One place decides the run's language: --lang, else the configuration, else the locale."""

from __future__ import annotations

import pytest

from aiprocure.language import decide_lang, default_lang, locale_lang
from aiprocure.model.common import Lang


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, Lang.EN),
        ({"LANG": "ja_JP.UTF-8"}, Lang.JA),
        ({"LANG": "C"}, Lang.EN),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "ja_JP.UTF-8"}, Lang.EN),
        ({"LC_MESSAGES": "ja_JP", "LANG": "en_US"}, Lang.JA),
        ({"LC_ALL": "", "LANG": "JA_jp"}, Lang.JA),
    ],
)
def test_locale(environ: dict[str, str], expected: Lang) -> None:
    assert locale_lang(environ) is expected
    assert default_lang(environ) is expected
    assert decide_lang(None, None, environ) is expected


def test_explicit_then_configured_then_locale() -> None:
    ja = {"LANG": "ja_JP.UTF-8"}
    assert decide_lang(Lang.EN, Lang.JA, ja) is Lang.EN
    assert decide_lang(None, Lang.EN, ja) is Lang.EN
    assert decide_lang(None, None, ja) is Lang.JA


def test_default_lang_reads_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert default_lang() is Lang.JA
