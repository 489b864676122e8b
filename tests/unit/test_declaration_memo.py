"""What several rules derive from one declaration (the chain of holders) is built once per
assessment (``engine.context.declaration_scope``), and sharing it changes no report byte."""

from __future__ import annotations

import contextlib
import importlib
from pathlib import Path
from typing import Any

import pytest

from aiprocure import api
from aiprocure.engine import chain_predicates, context
from aiprocure.engine.context import Context, declaration_scope, derived
from aiprocure.engine.holders import Chain, build_chain
from aiprocure.model.ruleset import Ruleset

assess_module = importlib.import_module("aiprocure.engine.assess")  # the package exports assess()
EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))


@pytest.fixture(scope="module")
def ruleset() -> Ruleset:
    return api.load_checklists()


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []

    def counted(data: dict[str, Any], rs: Ruleset) -> Chain:
        calls.append(id(data))
        return build_chain(data, rs)

    monkeypatch.setattr(chain_predicates, "build_chain", counted)
    return calls


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_one_chain_per_assessment(
    path: Path, ruleset: Ruleset, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _counting(monkeypatch)
    api.assess_file(path, ruleset)
    assert len(calls) == 1  # seven holder predicates (rules and the high-risk sheet) share it
    api.assess_file(path, ruleset)
    assert len(calls) == 2  # a new assessment builds its own
    assert context._MEMO.get() is None  # nothing outlives the assessment


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_shared_chain_changes_nothing(
    path: Path, ruleset: Ruleset, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = api.assess_file(path, ruleset, generated_at="2026-03-01T00:00:00Z")
    calls = _counting(monkeypatch)
    monkeypatch.setattr(assess_module, "declaration_scope", contextlib.nullcontext)
    rebuilt = api.assess_file(path, ruleset, generated_at="2026-03-01T00:00:00Z")
    assert len(calls) > 1  # without the scope, every holder predicate builds the chain again
    assert rebuilt.model_dump_json() == shared.model_dump_json()


def test_derived_is_keyed_by_the_data_and_rule_set(ruleset: Ruleset) -> None:
    built: list[dict[str, Any]] = []

    def build(data: dict[str, Any], rs: Ruleset) -> int:
        built.append(data)
        return len(built)

    one: dict[str, Any] = {"vendor": {"name": "A"}}
    equal: dict[str, Any] = {"vendor": {"name": "A"}}
    # outside a scope: built on every call
    assert derived(Context(one, ruleset), "x", build) == 1
    assert derived(Context(one, ruleset), "x", build) == 2
    with declaration_scope():
        assert derived(Context(one, ruleset), "x", build) == 3
        assert derived(Context(one, ruleset), "x", build) == 3  # the same data: shared
        assert derived(Context(equal, ruleset), "x", build) == 4  # equal is not the same
        assert derived(Context(one, ruleset), "y", build) == 5  # another name
        with declaration_scope():  # a nested assessment starts empty and ends its own scope
            assert derived(Context(one, ruleset), "x", build) == 6
        assert derived(Context(one, ruleset), "x", build) == 3
    assert context._MEMO.get() is None
    assert derived(Context(one, ruleset), "x", build) == 7
