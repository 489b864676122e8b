"""What the engine works out once and shares changes no finding: equal ``applies_if`` and
``severity_by`` conditions compile to one closure (``compiler.compile_shared``) that ``run_rules``
evaluates once per declaration, and a fact read by several rules is read (and shown) once per
assessment (``context.declaration_reads``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aiprocure import api
from aiprocure.engine.context import Context, declaration_reads, declaration_scope
from aiprocure.engine.findings import rule_plan, run_rules
from aiprocure.model.ruleset import Ruleset

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "v1").glob("*.yaml"))


@pytest.fixture(scope="module")
def ruleset() -> Ruleset:
    return api.load_checklists()


def test_equal_conditions_share_one_closure(ruleset: Ruleset) -> None:
    compiled = api.compiled_ruleset(ruleset)
    by_text: dict[str, set[int]] = {}
    for rule, plan in zip(ruleset.rules, compiled.rules, strict=True):
        if rule.applies_if is not None and plan.applies_if is not None:
            by_text.setdefault(rule.applies_if.model_dump_json(), set()).add(id(plan.applies_if))
        rows = sorted(
            (r for r in rule.severity_by if r.severity.rank > rule.severity.rank),
            key=lambda r: -r.severity.rank,
        )
        for row, compiled_row in zip(rows, plan.severity_rows, strict=True):
            by_text.setdefault(row.when.model_dump_json(), set()).add(id(compiled_row[0]))
    assert by_text
    assert all(len(ids) == 1 for ids in by_text.values())
    # the shipped packs do repeat conditions: otherwise this test would show nothing
    applies = [p.applies_if for p in compiled.rules if p.applies_if is not None]
    assert len({id(a) for a in applies}) < len(applies)


@pytest.mark.parametrize("path", EXAMPLES + FIXTURES, ids=lambda p: p.name)
def test_shared_evaluation_finds_what_each_rule_alone_finds(path: Path, ruleset: Ruleset) -> None:
    declaration, doc = api.load_declaration(path)
    data = declaration.model_dump(mode="json", exclude_none=True)
    compiled = api.compiled_ruleset(ruleset)
    with declaration_scope():
        shared, codes = run_rules(compiled.rules, data, doc, str(path), {}, {})
    alone = []
    for rule in ruleset.rules:  # each rule compiled on its own, outside any scope
        found, code = run_rules((rule_plan(rule, ruleset),), data, doc, str(path), {}, {})
        alone.append((found[0], code[0]))
    assert codes == [c for _, c in alone]
    assert [f.model_dump_json() for f in shared] == [f.model_dump_json() for f, _ in alone]


def test_a_fact_is_read_once_per_assessment(ruleset: Ruleset) -> None:
    data = {"exit": {"exports": [{"content": "logs", "formats": ["csv"]}]}}
    assert declaration_reads(data) is None  # outside an assessment: read every time
    with declaration_scope():
        reads = declaration_reads(data)
        assert reads is not None
        assert declaration_reads(data) is reads
        assert declaration_reads(dict(data)) is not reads  # equal data is another declaration
        first, second = Context(data, ruleset, {}, reads), Context(data, ruleset, {}, reads)
        assert first.get("exit.exports") is data["exit"]["exports"]
        assert second.get("exit.exports") is data["exit"]["exports"]
        shown = first.observed["exit.exports"]
        assert shown == ['{"content": "logs", "formats": ["csv"]}']
        assert second.observed["exit.exports"] == shown
        assert second.observed["exit.exports"] is not shown  # each finding its own list
    assert Context(data, ruleset).get("exit.exports") is data["exit"]["exports"]
