"""SARIF: valid against the official 2.1.0 schema and shaped for GitHub code scanning."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from aiprocure.model.common import Lang
from aiprocure.model.findings import Report, Status
from aiprocure.render import sarif
from tests.conftest import REPO

# CI keeps the official schema beside the repository; the copy under tests/ keeps the test whole.
SCHEMA_PATHS = [
    REPO.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json",
    REPO / "tests" / "schemas" / "sarif-schema-2.1.0.json",
]


def _schema() -> dict[str, Any]:
    path = next(p for p in SCHEMA_PATHS if p.is_file())
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return doc


def _doc(reports: list[Report], lang: Lang = Lang.EN) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(sarif.render(reports, lang))
    return doc


def test_shipped_schema_copy_matches_the_official_one() -> None:
    official, copy = SCHEMA_PATHS
    if not official.is_file():
        pytest.skip(f"{official} is not present outside CI")
    assert official.read_bytes() == copy.read_bytes()


@pytest.mark.parametrize("lang", list(Lang))
def test_validates_against_the_official_schema(render_reports: list[Report], lang: Lang) -> None:
    schema = _schema()
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(_doc(render_reports, lang)), key=str)
    assert not errors, errors[0]


def test_empty_run_is_valid() -> None:
    jsonschema.Draft4Validator(_schema()).validate(_doc([]))


def test_one_run_with_sorted_rules_and_consistent_indexes(render_reports: list[Report]) -> None:
    doc = _doc(render_reports)
    assert doc["version"] == "2.1.0"
    (run,) = doc["runs"]
    assert "invocations" not in run
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(set(ids))
    evaluated = {f.rule_id for r in render_reports for f in r.findings}
    assert evaluated <= set(ids)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1
        assert region["startColumn"] >= 1
        assert not result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith(
            "/"
        )
    for rule in rules:
        props = rule["properties"]
        if "security-severity" in props:
            assert 0.0 <= float(props["security-severity"]) <= 10.0
            assert "security" in props["tags"]
        assert rule["help"]["markdown"]


def test_levels_follow_severity_and_waivers_are_suppressed(render_reports: list[Report]) -> None:
    run = _doc(render_reports)["runs"][0]
    findings = {
        (f.location.file, f.rule_id, f.location.field): f
        for r in render_reports
        for f in r.findings
    }
    suppressed = [res for res in run["results"] if "suppressions" in res]
    assert len(suppressed) == 1
    (suppression,) = suppressed[0]["suppressions"]
    assert suppression["kind"] == "external"
    assert "W-001" in suppression["justification"]
    statuses = {res["properties"]["status"] for res in run["results"]}
    assert statuses == {"fail", "unanswered", "unverified", "waived", "review", "incomplete"}
    for res in run["results"]:
        if res["properties"]["status"] == "review":
            assert res["level"] == "warning"
            continue
        if res["properties"]["status"] == "incomplete":  # an undetermined viewpoint
            assert res["level"] in ("warning", "error")
            continue
        severity = res["properties"]["severity"]
        assert res["level"] == {"critical": "error", "high": "error", "medium": "warning"}.get(
            severity, "note"
        )
    # pass and not_applicable give no result
    assert not any(res["ruleId"] == "CUSTOM-NA-001" for res in run["results"]), (
        "not_applicable must not be reported"
    )
    assert any(f.status is Status.PASS for f in findings.values())


def test_fingerprints_are_stable_and_line_independent(render_reports: list[Report]) -> None:
    hostile = render_reports[0]
    run = _doc([hostile])["runs"][0]
    prints = [res["partialFingerprints"][sarif.FINGERPRINT_KEY] for res in run["results"]]
    assert len(prints) == len(set(prints))
    moved = hostile.model_copy(
        update={
            "findings": [
                f.model_copy(
                    update={"location": f.location.model_copy(update={"line": f.location.line + 5})}
                )
                for f in hostile.findings
            ]
        }
    )
    again = _doc([moved])["runs"][0]
    moved_prints = [res["partialFingerprints"][sarif.FINGERPRINT_KEY] for res in again["results"]]
    assert sorted(prints) == sorted(moved_prints)


def test_uri_is_relative_and_percent_encoded() -> None:
    assert (
        sarif.file_uri("decl/ベンダー a.yaml")
        == "decl/%E3%83%99%E3%83%B3%E3%83%80%E3%83%BC%20a.yaml"
    )
    assert sarif.file_uri("decl\\x.yaml") == "decl/x.yaml"
    assert sarif.file_uri("a:b.yaml") == "a%3Ab.yaml"  # not mistaken for a scheme


def test_vendor_text_is_inert(render_reports: list[Report]) -> None:
    text = sarif.render(render_reports, Lang.EN)
    assert "\x1b" not in text
    assert "\\u001b" not in text
    json.loads(text)


def test_tool_version_comes_from_the_reports(render_reports: list[Report]) -> None:
    """The renderer does not import the package for its version: the reports carry it."""
    driver = _doc(render_reports)["runs"][0]["tool"]["driver"]
    assert driver["version"] == driver["semanticVersion"] == render_reports[0].tool_version
    empty = json.loads(sarif.render([], Lang.EN, tool_version="9.9.9"))["runs"][0]["tool"]
    assert empty["driver"]["version"] == "9.9.9"
    jsonschema.validate(json.loads(sarif.render([], Lang.EN)), _schema())
