"""JSON report and its schema: the checked-in schema is current and the output validates."""

from __future__ import annotations

import json
from typing import Any

import jsonschema

from aiprocure.model.common import Lang
from aiprocure.model.findings import Report
from aiprocure.render import json_
from tests.conftest import REPO

SCHEMA_FILE = REPO / "docs" / "report-schema.json"


def _dump(schema: dict[str, Any]) -> str:
    # as `aiprocure schema --report` prints it
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def test_checked_in_schema_is_current() -> None:
    expected = SCHEMA_FILE.read_text(encoding="utf-8")
    assert _dump(json_.report_json_schema()) == expected, (
        "docs/report-schema.json is stale: run `aiprocure schema --report > docs/report-schema.json`"
    )


def test_schema_is_valid_and_documented() -> None:
    schema = json_.report_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == json_.SCHEMA_ID
    assert schema["version"] == "1"
    report = schema["$defs"]["Report"]
    for name, prop in report["properties"].items():
        assert prop.get("description"), f"Report.{name} has no description"
    assert list(schema["$defs"]) == sorted(schema["$defs"])


def test_output_validates(render_reports: list[Report]) -> None:
    validator = jsonschema.Draft202012Validator(json_.report_json_schema())
    for reports in (render_reports[:1], render_reports):
        doc = json.loads(json_.render(reports, Lang.EN))
        errors = list(validator.iter_errors(doc))
        assert not errors, errors[0]
    assert not validator.is_valid({"report_version": "1", "reports": []})
