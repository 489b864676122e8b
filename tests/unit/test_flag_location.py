"""A review flag points at the line whose value raised it (``engine.locations.deciding_field``),
and SARIF and the GitHub annotations inherit that position."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from aiprocure import api
from aiprocure.engine.locations import decider, deciding_field
from aiprocure.model.common import Lang
from aiprocure.model.conditions import Condition
from aiprocure.render import github, sarif

ADAPTER: TypeAdapter[Condition] = TypeAdapter(Condition)
ROOT = Path(__file__).resolve().parents[2]
# The 1.0 original: one line per use (the 2.0 example writes use_case.data on one line)
CITIZEN = ROOT / "tests" / "fixtures" / "v1" / "citizen-facing-no-review.yaml"

RAISED = {
    "any": [
        {"not": {"none_in": {"field": "use_case.data.training", "values": ["personal"]}}},
        {"not": {"none_in": {"field": "use_case.data.retrieval", "values": ["personal"]}}},
    ]
}


def _field(cond: dict[str, Any], data: dict[str, Any], want: bool = True) -> str | None:
    return deciding_field(decider(ADAPTER.validate_python(cond), api.load_checklists()), data, want)


@pytest.mark.parametrize(
    ("training", "retrieval", "field"),
    [
        (["public"], ["public", "personal"], "use_case.data.retrieval"),
        (["personal"], ["public"], "use_case.data.training"),
        (["personal"], ["personal"], "use_case.data.training"),
    ],
)
def test_the_field_that_raised_an_any(
    training: list[str], retrieval: list[str], field: str
) -> None:
    data = {"use_case": {"data": {"training": training, "retrieval": retrieval}}}
    assert _field(RAISED, data) == field


def test_all_false_points_at_its_false_part() -> None:
    cond = {
        "all": [
            {"none_in": {"field": "use_case.data.training", "values": ["class3"]}},
            {"none_in": {"field": "use_case.data.prompts", "values": ["class3"]}},
        ]
    }
    data = {"use_case": {"data": {"training": [], "prompts": ["class3"]}}}
    assert _field(cond, data, want=False) == "use_case.data.prompts"
    assert _field({"not": cond}, data) == "use_case.data.prompts"


def test_sarif_and_annotations_point_at_the_retrieval_line() -> None:
    report = api.assess_file(CITIZEN, api.load_checklists())
    flag = next(f for f in report.review_flags if f.source_id == "HR-CONFIDENTIAL")
    assert (flag.location.line, flag.location.field) == (23, "use_case.data.retrieval")
    assert (
        CITIZEN.read_text(encoding="utf-8")
        .splitlines()[22]
        .strip()
        .startswith("data_for_retrieval:")
    )
    log = json.loads(sarif.render([report], Lang.EN))
    lines = [
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in log["runs"][0]["results"]
        if r["ruleId"] == "HR-CONFIDENTIAL"
    ]
    assert lines == [23]
    notes = [n for n in github.render([report], Lang.EN).splitlines() if "HR-CONFIDENTIAL" in n]
    assert notes
    assert all(",line=23," in n for n in notes)
