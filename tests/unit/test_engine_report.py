"""``engine.assess`` builds the report without re-validating what the engine made; what a caller
passes in is still checked, as validating the report checked it."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from aiprocure import api
from aiprocure.engine.assess import assess
from aiprocure.model.findings import InputDigest, Report

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "domestic-low-risk.yaml"


def _validated(report: Report) -> Report:
    return Report.model_validate(report.model_dump())


def test_assessed_report_equals_its_validated_self() -> None:
    rs = api.load_checklists()
    report = api.assess_file(EXAMPLE, rs, generated_at="2026-01-02T03:04:05Z")
    again = _validated(report)
    assert again == report
    assert again.model_dump_json() == report.model_dump_json()
    assert [i.kind for i in report.inputs] == ["declaration"] + ["checklist"] * len(rs.checklists)


def test_shared_parts_come_in_lists_of_each_reports_own() -> None:
    rs = api.load_checklists()
    first, second = api.assess_file(EXAMPLE, rs), api.assess_file(EXAMPLE, rs)
    assert first == second
    assert first.inputs is not second.inputs
    assert first.checklists is not second.checklists


def test_a_changed_checklist_list_is_reported_as_it_is() -> None:
    rs = api.load_checklists()
    api.assess_file(EXAMPLE, rs)
    rs = dataclasses.replace(rs, checklists=rs.checklists[:-1])
    report = api.assess_file(EXAMPLE, rs)
    assert len(report.checklists) == len(rs.checklists)
    assert len(report.inputs) == 1 + len(rs.checklists)


@pytest.mark.parametrize(
    "bad",
    [
        {"generated_at": 12},
        {"inputs": [{"kind": "nonsense", "path": "p", "sha256": "s"}]},
        {"file": Path("d.yaml")},
    ],
)
def test_what_the_caller_gives_is_validated(bad: dict[str, Any]) -> None:
    decl, doc = api.load_declaration(EXAMPLE)
    kwargs: dict[str, Any] = {"file": "d.yaml", "doc": doc, **bad}
    with pytest.raises(ValidationError):
        assess(api.compiled_ruleset(api.load_checklists()), decl, **kwargs)


def test_inputs_given_as_data_are_validated_into_digests() -> None:
    decl, doc = api.load_declaration(EXAMPLE)
    rs = api.compiled_ruleset(api.load_checklists())
    given = {"kind": "declaration", "path": "d.yaml", "sha256": doc.sha256}
    report = assess(rs, decl, file="d.yaml", doc=doc, inputs=[given])  # type: ignore[list-item]
    assert report.inputs == [InputDigest(**given)]
    assert report == assess(rs, decl, file="d.yaml", doc=doc, inputs=[InputDigest(**given)])


def test_assess_with_declaration_reads_the_file_once_and_reports_as_assess(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from datetime import date

    from aiprocure.api import core

    session = api.open_session(
        api.SessionOptions(
            today=date(2026, 3, 1), config=ROOT / "examples" / "caio" / "ministry-config.yaml"
        )
    )
    load = api.load_declaration
    calls: list[Path] = []

    def counting(p: Path, **kwargs: Any) -> Any:
        calls.append(p)
        return load(p, **kwargs)

    for path in sorted((ROOT / "examples").glob("*.yaml")):
        expected = session.assess_file(path)
        calls.clear()
        monkeypatch.setattr(core, "load_declaration", counting)
        report, declaration, doc = session.assess_with_declaration(path)
        monkeypatch.setattr(core, "load_declaration", load)
        assert calls == [path]
        assert report == expected
        assert report.model_dump_json() == expected.model_dump_json()
        assert (declaration, doc) == api.load_declaration(path)
