"""SARIF: valid against the official 2.1.0 schema and shaped for GitHub code scanning."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aiprocure.model.common import Lang
from aiprocure.model.findings import Report, Status
from aiprocure.render import sarif, sarif_ci
from aiprocure.render.options import LimitError, RenderOptions
from tests.conftest import REPO

# The official OASIS schema, kept in the repository (tests/schemas/README.md: source, licence), so
# the test runs wherever the repository is.
SCHEMA_PATH = REPO / "tests" / "schemas" / "sarif-schema-2.1.0.json"


def _schema() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return doc


def _doc(
    reports: list[Report], lang: Lang = Lang.EN, options: RenderOptions | None = None
) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(sarif.render(reports, lang, options=options))
    return doc


def test_the_schema_is_the_official_one() -> None:
    schema = _schema()
    assert (
        schema["id"]
        == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    )


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


def test_waived_findings_are_not_alerts_by_default(render_reports: list[Report]) -> None:
    run = _doc(render_reports)["runs"][0]
    assert not any("suppressions" in res for res in run["results"])
    (waived,) = run["properties"]["aiprocure_waived"]
    assert waived["waiver"] == "W-001"


def test_levels_follow_severity_and_waivers_are_suppressed(render_reports: list[Report]) -> None:
    run = _doc(render_reports, options=RenderOptions(include_waived=True))["runs"][0]
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


def _validate(doc: dict[str, Any]) -> None:
    validator = jsonschema.Draft4Validator(_schema(), format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(doc), key=str)
    assert not errors, errors[0]


def _uris(run: dict[str, Any]) -> list[dict[str, str]]:
    return [res["locations"][0]["physicalLocation"]["artifactLocation"] for res in run["results"]]


@pytest.mark.parametrize(
    ("cwd", "base"),
    [("/repo", "/repo"), ("/repo/sub", "/repo"), ("/elsewhere", "/repo")],
)
def test_uris_are_relative_to_the_base_and_declared(
    render_reports: list[Report], cwd: str, base: str
) -> None:
    """Absolute paths, runs from a subfolder and ``check .`` all give base-relative uris."""
    report = _busy(render_reports)
    absolute = "/repo/decl/a.yaml"
    relative = posixpath_rel(absolute, cwd)
    moved = []
    for path in (absolute, relative):
        moved.append(_relocate(report, path))
    for r in moved:
        doc = _doc([r], options=RenderOptions(base_dir=base, cwd=cwd))
        _validate(doc)
        run = doc["runs"][0]
        assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///repo/"}}
        assert _uris(run)
        for loc in _uris(run):
            assert loc == {"uri": "decl/a.yaml", "uriBaseId": "%SRCROOT%"}


def test_a_path_outside_the_base_is_an_absolute_file_uri(render_reports: list[Report]) -> None:
    r = _relocate(_busy(render_reports), "/other/a.yaml")
    run = _doc([r], options=RenderOptions(base_dir="/repo", cwd="/repo"))["runs"][0]
    assert {loc["uri"] for loc in _uris(run)} == {"file:///other/a.yaml"}


def test_an_unreadable_declaration_is_a_notification_and_an_error_result() -> None:
    from aiprocure.render.options import Notice as Problem

    problem = Problem("/repo/decl/bad.yaml", 3, 5, "not YAML", "YAML ではありません")
    opts = RenderOptions(base_dir="/repo", cwd="/repo", problems=(problem,), category="gate-a")
    doc = _doc([], Lang.JA, options=opts)
    _validate(doc)
    run = doc["runs"][0]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["message"]["text"] == "YAML ではありません"
    (result,) = run["results"]
    assert result["level"] == "error"
    assert result["ruleId"] == sarif.INPUT_RULE
    where = result["locations"][0]["physicalLocation"]
    assert where["artifactLocation"] == {"uri": "decl/bad.yaml", "uriBaseId": "%SRCROOT%"}
    assert where["region"] == {"startLine": 3, "startColumn": 5}
    assert run["automationDetails"] == {"id": "gate-a/"}


def test_rules_link_to_their_catalogue_anchor(render_reports: list[Report]) -> None:
    rules_md = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    run = _doc(render_reports)["runs"][0]
    assert run["tool"]["driver"]["informationUri"] == sarif.INFORMATION_URI
    linked = 0
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["properties"]["precision"] in {"very-high", "high"}
        if rule["id"].startswith(("DS920-", "HR-")):
            anchor = rule["helpUri"].rpartition("#")[2]
            assert f'<a id="{anchor}"></a>' in rules_md, rule["id"]
            linked += 1
        else:  # a ministry's own pack: no page in the shipped catalogue
            assert "helpUri" not in rule
    assert linked


def test_over_github_result_limit_stops_with_a_clear_message(
    render_reports: list[Report], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A generated batch over the limit (the limit lowered so the batch stays small)."""
    batch = [_relocate(_busy(render_reports), f"decl/{i}.yaml") for i in range(30)]
    count = len(_doc(batch)["runs"][0]["results"])
    monkeypatch.setattr(sarif_ci, "MAX_RESULTS", count - 1)
    with pytest.raises(LimitError, match="GitHub's limit"):
        sarif.render(batch, Lang.EN)
    monkeypatch.setattr(sarif_ci, "MAX_RESULTS", count)
    sarif.render(batch, Lang.EN)


def test_over_github_size_limit_stops(
    render_reports: list[Report], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sarif_ci, "MAX_GZIP_BYTES", 1000)
    with pytest.raises(LimitError, match="gzipped"):
        sarif.render(render_reports, Lang.EN)


def _busy(reports: list[Report]) -> Report:
    """The report with the most open findings (results in every run)."""
    return max(reports, key=lambda r: sum(f.status in sarif.REPORTED for f in r.findings))


def posixpath_rel(path: str, cwd: str) -> str:
    import posixpath

    return posixpath.relpath(path, cwd)


def _relocate(report: Report, path: str) -> Report:
    def loc(location: Any) -> Any:
        return location.model_copy(update={"file": path})

    return report.model_copy(
        update={
            "subject": report.subject.model_copy(update={"declaration": path}),
            "findings": [
                f.model_copy(update={"location": loc(f.location)}) for f in report.findings
            ],
            "review_flags": [
                f.model_copy(update={"location": loc(f.location)}) for f in report.review_flags
            ],
        }
    )


@pytest.mark.parametrize(
    "value",
    [
        {"a": [1, 2.5, 99.9, -0.25, True, None, 'é\u2028\x1b"\\/'], "b": {}, "c": []},
        {"tiny": 1e-05, "huge": 1e16, "x": "y"},
        {"n": -(10**17), "f": 100.0, "s": "日本語"},
    ],
)
def test_the_fast_encoder_writes_what_json_dumps_writes(value: dict[str, object]) -> None:
    from aiprocure.render.sarif import _dumps

    assert _dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    st.sampled_from(["\x1b[31m", "a\u202eb", "\u200b", "c:\\dir", "x: 1e5", "\x7f", "\u0085"]),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=12,
)


@given(st.dictionaries(st.text(max_size=6), _VALUES, max_size=5))
def test_one_pass_dumps_writes_what_clean_then_dumps_writes(value: dict[str, object]) -> None:
    from aiprocure.render.sarif_results import _clean, _dumps, dumps_clean

    assert dumps_clean(value) == _dumps(_clean(value))
