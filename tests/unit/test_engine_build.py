"""``findings.maker``: instances equal to validated ones, and the shared fields set stays intact."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest
from pydantic import ValidationError

from aiprocure import api
from aiprocure.model.findings import Finding, Location, Status, maker

ROOT = Path(__file__).resolve().parents[2]


def _location() -> Location:
    return maker(Location)({"file": "f.yaml", "line": 3, "col": 5, "field": "a.b"})


def test_made_instances_equal_validated_ones() -> None:
    values = {"file": "f.yaml", "line": 3, "col": 5, "field": "a.b"}
    made = _location()
    for other in (Location.model_validate(values),):
        assert made == other
        assert made.model_dump_json() == other.model_dump_json()
        assert made.model_fields_set == other.model_fields_set
        assert list(vars(made)) == list(vars(other))
        assert made.__pydantic_extra__ is other.__pydantic_extra__ is None
        assert made.__pydantic_private__ is other.__pydantic_private__ is None


def test_made_instances_stay_frozen_and_keep_the_shared_set() -> None:
    loc, other = _location(), _location()
    with pytest.raises(ValidationError, match="frozen"):
        loc.line = 4  # type: ignore[misc]
    assert loc.model_fields_set == other.model_fields_set == set(Location.model_fields)


def test_copies_of_findings_leave_the_others_alone() -> None:
    report = api.assess_file(ROOT / "examples" / "incomplete.yaml", api.load_checklists())
    first, second = report.findings[0], report.findings[1]
    before = set(second.model_fields_set)
    waived = first.model_copy(update={"status": Status.WAIVED})
    assert waived.status is Status.WAIVED
    assert first.status is not Status.WAIVED
    assert waived.model_fields_set is not first.model_fields_set  # copied before it is updated
    assert second.model_fields_set == before
    for dup in (copy.copy(first), copy.deepcopy(first), pickle.loads(pickle.dumps(first))):
        assert dup == first
        assert dup.model_dump_json() == first.model_dump_json()
    assert Finding.model_validate(first.model_dump()) == first
