"""The one phrase catalogue: every phrase in both languages, with the same format fields."""

from __future__ import annotations

import string

import pytest

from aiprocure.caio.text import tc
from aiprocure.model.common import Lang
from aiprocure.render.i18n import t
from aiprocure.render.phrases import PHRASES


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(PHRASES))
def test_every_phrase_has_both_languages(key: str) -> None:
    ja, en = PHRASES[key]
    assert ja.strip(), key
    assert en.strip(), key
    assert _fields(ja) == _fields(en), key


def test_namespaces_are_known() -> None:
    prefixes = {key.split(".")[0] for key in PHRASES if "." in key}
    report_groups = {"status", "severity", "risk", "provenance", "notice", "verdict"}
    report_groups |= {"determination"}
    report_groups |= {"acc", "when", "note", "kind"}  # format 2.0: render/phrases_conditions.py
    assert prefixes <= report_groups | {"cond", "catalogue", "rule", "caio", "ci", "html", "batch"}


def test_lookup_in_each_language() -> None:
    assert t("findings", Lang.JA) == "指摘事項"
    assert t("findings", Lang.EN) == "Findings"
    assert t("cond.present", Lang.EN, field="a.b") == "`a.b` is answered"
    # A CAIO phrase overrides the report's phrase of the same key; others fall back to it.
    assert tc("item", Lang.EN) == "Item"
    assert tc("not_answered", Lang.JA) == t("not_answered", Lang.JA)
