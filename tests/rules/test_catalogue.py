"""The checked-in rule catalogues are generated, current and deterministic."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aiprocure import api
from aiprocure.model.common import Lang
from aiprocure.model.ruleset import Ruleset
from aiprocure.render.catalogue import catalogue_markdown

REGENERATE = "regenerate with: .venv/bin/python -m aiprocure.render.catalogue"
DOCS = {Lang.EN: "rules.md", Lang.JA: "rules.ja.md"}


def docs_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture(scope="module")
def ruleset() -> Ruleset:
    return api.load_checklists()


@pytest.mark.parametrize("lang", list(DOCS))
def test_checked_in_catalogue_is_current(ruleset: Ruleset, lang: Lang) -> None:
    path = docs_dir() / DOCS[lang]
    assert path.is_file(), f"{path} is missing; {REGENERATE}"
    assert path.read_text(encoding="utf-8") == catalogue_markdown(ruleset, lang), (
        f"{path.name} is stale; {REGENERATE}"
    )


@pytest.mark.parametrize("lang", list(Lang))
def test_catalogue_is_deterministic(ruleset: Ruleset, lang: Lang) -> None:
    assert catalogue_markdown(ruleset, lang) == catalogue_markdown(api.load_checklists(), lang)


@pytest.mark.parametrize("lang", list(Lang))
def test_catalogue_lists_everything(ruleset: Ruleset, lang: Lang) -> None:
    text = catalogue_markdown(ruleset, lang)
    for rule in ruleset.rules:
        assert f"#### {rule.id} — " in text, rule.id
        assert rule.title.get(lang).split("（")[0][:10] in text.replace("\\", ""), rule.id
    for name in ruleset.parameters:
        assert f"`{name}`" in text, name
    assert ruleset.high_risk is not None
    for vp in ruleset.high_risk.viewpoints:
        assert f"### {vp.id} — " in text, vp.id
    for country in ruleset.jurisdictions:
        assert f"| {country} " in text, country


def test_japanese_catalogue_is_japanese(ruleset: Ruleset) -> None:
    ja = catalogue_markdown(ruleset, Lang.JA)
    en = catalogue_markdown(ruleset, Lang.EN)
    assert "ルールカタログ" in ja
    assert "rule catalogue" in en
    assert "調達チェックシート" in ja
    assert "Procurement check sheet" in en


def test_catalogue_has_no_local_paths(ruleset: Ruleset) -> None:
    text = catalogue_markdown(ruleset, Lang.EN)
    assert not re.search(r"/(home|work|tmp|Users)/", text)


def test_regeneration_writes_the_checked_in_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """The entry point writes exactly what the checked-in files hold, where they are."""
    from aiprocure.render.catalogue import __main__ as regen

    written: dict[Path, str] = {}

    def fake_write(self: Path, text: str, encoding: str, newline: str) -> int:
        written[self] = text
        return len(text)

    monkeypatch.setattr(Path, "write_text", fake_write)
    assert regen.DOCS == DOCS
    assert regen.main() == 0
    assert {p: p.read_text(encoding="utf-8") for p in written} == written
    assert sorted(written) == sorted(docs_dir() / name for name in DOCS.values())
