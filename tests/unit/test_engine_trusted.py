"""The engine builds report objects without re-validating them (``findings.maker``): each must be
exactly what validating the same values would give, so that no output byte depends on the shortcut."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from aiprocure import api
from aiprocure.model.findings import Location, maker

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _same_as_validated(obj: BaseModel, *, every_field: bool = True) -> None:
    again = type(obj).model_validate(obj.model_dump())
    assert again == obj
    assert again.model_dump_json() == obj.model_dump_json()
    if every_field:  # maker() is given every field, in declaration order
        omitted = set(type(obj).model_fields) - set(obj.model_dump())  # exclude_if: when empty
        assert again.model_fields_set == obj.model_fields_set - omitted
        assert list(vars(again)) == list(vars(obj))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_trusted_objects_equal_validated_ones(path: Path) -> None:
    report = api.assess_file(path, api.load_checklists())
    for f in report.findings:
        _same_as_validated(f)
        _same_as_validated(f.location)
    for c in report.categories:
        _same_as_validated(c)
        assert type(c.points) is float
        assert type(c.max_points) is float
    if report.high_risk is not None:
        for v in report.high_risk.viewpoints:
            _same_as_validated(v)
    _same_as_validated(report, every_field=False)


def test_trusted_notices_equal_validated_ones() -> None:
    ruleset = api.load_checklists()
    notices = [
        n
        for path in EXAMPLES
        for n in api.assess_file(path, ruleset, today=date(2031, 1, 1)).notices
    ]
    assert {n.kind for n in notices} >= {"declaration_old", "evidence_undated"}
    for n in notices:
        _same_as_validated(n)


def test_trusted_instances_stay_frozen() -> None:
    loc = maker(Location)({"file": "f", "line": 1, "col": 2, "field": "a"})
    assert loc == Location(file="f", line=1, col=2, field="a")
    with pytest.raises(ValidationError, match="frozen"):
        loc.line = 3  # type: ignore[misc]
