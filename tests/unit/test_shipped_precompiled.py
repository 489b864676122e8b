"""The precompiled shipped rule set (``api/shipped_rules.pickle``): current, equal to a fresh
load of the shipped packs, and never used when it does not match the installed files."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest

from aiprocure.api import core, shipped
from aiprocure.model.checklist import Checklist
from aiprocure.model.ruleset import Ruleset
from aiprocure.sources.yamlsrc import Document


def _assert_same(a: Ruleset, b: Ruleset) -> None:
    for f in dataclasses.fields(Ruleset):
        assert getattr(a, f.name) == getattr(b, f.name), f.name


def test_the_shipped_precompiled_rule_set_is_current() -> None:
    """Fails after a shipped pack (or the version) changed: run
    ``python -m aiprocure.api.shipped_build`` and commit the pickle."""
    stored = shipped.precompiled_ruleset(core.shipped_checklist_files())
    assert stored is not None, "stale: python -m aiprocure.api.shipped_build"


def test_precompiled_equals_a_fresh_load() -> None:
    fresh = core.load_checklists(precompiled=False)
    stored = shipped.precompiled_ruleset(core.shipped_checklist_files())
    assert stored is not None
    _assert_same(stored, fresh)
    _assert_same(core.load_checklists(), fresh)
    assert [(s.path, s.sha256) for _, s in stored.checklists] == [
        (s.path, s.sha256) for _, s in fresh.checklists
    ]


def test_each_load_is_a_new_rule_set() -> None:
    """A rule set is equal only to itself and compiled once per object: callers get their own."""
    assert core.load_checklists() is not core.load_checklists()


def test_a_key_that_does_not_match_is_not_used(tmp_path: Path) -> None:
    files = core.shipped_checklist_files()
    stored = tmp_path / "rules.pickle"
    shipped.store_ruleset(core.load_checklists(precompiled=False), files, stored)
    assert shipped.precompiled_ruleset(files, stored) is not None
    edited = tmp_path / files[0].name
    edited.write_bytes(files[0].read_bytes() + b"\n# edited\n")
    assert shipped.precompiled_ruleset([edited, *files[1:]], stored) is None
    assert shipped.precompiled_ruleset(files[1:], stored) is None


@pytest.mark.parametrize("content", [b"", b"garbage", b"0" * 64 + b"\nnot a pickle"])
def test_an_unreadable_precompiled_file_falls_back(tmp_path: Path, content: bytes) -> None:
    stored = tmp_path / "rules.pickle"
    stored.write_bytes(content)
    assert shipped.precompiled_ruleset(core.shipped_checklist_files(), stored) is None
    assert shipped.precompiled_ruleset(core.shipped_checklist_files(), tmp_path / "none") is None


def test_a_stale_precompiled_file_loads_the_packs_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = core.shipped_checklist_files()
    stored = tmp_path / "rules.pickle"
    shipped.store_ruleset(core.load_checklists(precompiled=False), files, stored)
    stored.write_bytes(b"0" * 64 + b"\n" + stored.read_bytes().partition(b"\n")[2])
    monkeypatch.setattr(shipped, "PRECOMPILED", stored)
    loads = _count_full_loads(monkeypatch)
    _assert_same(core.load_checklists(), core.load_checklists(precompiled=False))
    assert len(loads) == 2  # the stale file was not used


def test_extra_packs_are_loaded_with_the_shipped_ones_in_full(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pack = Path(__file__).parents[2] / "examples" / "packs" / "ministry-extra.yaml"
    loads = _count_full_loads(monkeypatch)
    ruleset = core.load_checklists([pack])
    assert loads == [[*core.shipped_checklist_paths(), pack]]
    assert len(ruleset.rules) > len(core.load_checklists().rules)


def _count_full_loads(monkeypatch: pytest.MonkeyPatch) -> list[list[Path]]:
    """The paths of every full load (parse, validate, cross-check) from now on."""
    loads: list[list[Path]] = []
    full = core.load_checklist_docs

    def counted(paths: Iterable[Path]) -> list[tuple[Checklist, Document]]:
        loads.append(list(paths))
        return full(loads[-1])

    monkeypatch.setattr(core, "load_checklist_docs", counted)
    return loads


def test_a_changed_model_is_not_served_its_old_objects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = core.shipped_checklist_files()
    copy = tmp_path / "model"
    shutil.copytree(shipped.MODEL_SOURCES, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(shipped, "MODEL_SOURCES", copy)
    assert shipped.precompiled_ruleset(files) is not None
    checklist = copy / "checklist.py"
    checklist.write_text(checklist.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert shipped.precompiled_ruleset(files) is None
