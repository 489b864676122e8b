"""Verdicts that could be gamed in the input model (issue 13): country codes, blank text, dates,
number ranges, certifications as identifiers, and one bad file in a batch. English lines are in
``test_bad_inputs.py`` (the corpus); the Japanese ones are here."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from aiprocure import api
from aiprocure.cli import app
from aiprocure.errors import InputError
from aiprocure.model.certifications import KNOWN, certification_id
from aiprocure.model.common import Strict
from aiprocure.model.config import MinistryConfig
from aiprocure.model.countries import ASSIGNED
from aiprocure.model.declaration import Declaration
from aiprocure.model.waivers import WaiverFile
from aiprocure.sources.load import load, validate
from aiprocure.sources.yamlsrc import parse

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "domestic-low-risk.yaml"
runner = CliRunner()

JA = {
    "country-uk.yaml": [
        "4:3: vendor.country: 'UK' は ISO 3166-1 alpha-2 の国コードではありません。"
        "'GB' の誤りではありませんか？（入力値: 'UK'）"
    ],
    "country-eu.yaml": [
        "3:17: data_locations.storage[1]: 'EU' は ISO 3166-1 alpha-2 の国コードではありません。"
        "EU は国ではありません。加盟国を列挙してください（例: 'DE'、'FR'、'IE'）（入力値: 'EU'）"
    ],
    "country-unassigned.yaml": [
        "3:3: contract.governing_law: 'XX' は ISO 3166-1 alpha-2 で割り当てられた国コードではありません（入力値: 'XX'）",
        "4:3: contract.court_country: 'ZZ' は ISO 3166-1 alpha-2 で割り当てられた国コードではありません（入力値: 'ZZ'）",
    ],
    "blank-evidence.yaml": [
        "5:7: vendor.evidence[0].document: 空白だけの値は記入できません（入力値: ' '）"
    ],
    "blank-list-item.yaml": [
        "3:28: quality.hallucination_controls[0]: 空白だけの値は記入できません（入力値: ' '）"
    ],
    "date-integer.yaml": [
        "2:1: declared_on: 日付を 2026-11-05 のように YYYY-MM-DD の形式で記入してください（入力値: 0）"
    ],
    "date-far-future.yaml": [
        "4:35: quality.evaluations[0].performed_on: 日付 9999-12-31 が 2000-01-01 から "
        "2099-12-31 の範囲外です（入力値: '9999-12-31'）"
    ],
    "date-before-2000.yaml": [
        "2:1: declared_on: 日付 1970-01-01 が 2000-01-01 から 2099-12-31 の範囲外です"
        "（入力値: '1970-01-01'）"
    ],
    "days-out-of-range.yaml": [
        "3:3: retention.prompt_days: 36500 以下の値を記入してください（入力値: 100000）",
        "5:3: accountability.incident_notification_hours: 8760 以下の値を記入してください（入力値: 9000）",
    ],
}


@pytest.mark.parametrize("name", sorted(JA))
def test_facts_in_japanese(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    path = f"tests/bad/{name}"
    result = runner.invoke(app, ["validate", "--lang", "ja", path], env={"LANG": "C"})
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"{path}:{line}" for line in JA[name]]


def test_country_list_is_the_assigned_list() -> None:
    assert len(ASSIGNED) == 249
    assert {"JP", "US", "GB", "NO", "CN", "TW", "SX"} <= ASSIGNED
    assert not {"UK", "EU", "XX", "ZZ", "EL", "XK"} & ASSIGNED


def _declaration(text: str, today: date | None = None) -> Declaration:
    return validate(parse("d.yaml", text.encode()), Declaration, today=today)


def test_dates_after_today_are_refused_when_the_run_gives_today() -> None:
    text = 'schema_version: "1.0"\ndeclared_on: 2026-12-01\n'
    assert _declaration(text).declared_on == date(2026, 12, 1)  # no "today": range only
    assert _declaration(text, date(2026, 12, 1)).declared_on == date(2026, 12, 1)
    with pytest.raises(InputError) as info:
        _declaration(text, date(2026, 11, 30))
    assert str(info.value) == (
        "d.yaml:2:1: declared_on: date 2026-12-01 is in the future "
        "(today is 2026-11-30) (got '2026-12-01')"
    )
    assert info.value.problems[0].ja == (
        "declared_on: 日付 2026-12-01 は未来の日付です（今日は 2026-11-30）（入力値: '2026-12-01'）"
    )


def test_load_passes_today(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text('schema_version: "1.0"\ndeclared_on: 2030-01-01\n', encoding="utf-8")
    with pytest.raises(InputError):
        load(path, Declaration, today=date(2026, 1, 1))
    assert load(path, Declaration)[0].declared_on == date(2030, 1, 1)


def test_datetimes_and_unix_times_are_not_dates() -> None:
    for value in ("2024-01-01T00:00:00", "20240101", "1.5", "2024-1-1"):
        with pytest.raises(InputError, match="write the date as YYYY-MM-DD"):
            _declaration(f'schema_version: "1.0"\ndeclared_on: "{value}"\n')


def test_shipped_examples_stay_valid_with_todays_check() -> None:
    for path in sorted(ROOT.glob("examples/*.yaml")):
        load(path, Declaration, today=date(2026, 11, 30))


def test_every_numeric_field_has_a_range_in_the_schema() -> None:
    schema = json.dumps(Declaration.model_json_schema())
    for field in (
        "prompt_days",
        "log_days",
        "deletion_days_after_termination",
        "change_notice_days",
        "model_change_notice_days",
        "transition_support_months",
        "incident_notification_hours",
        "sla_availability_percent",
        "page",
    ):
        props = _find_property(Declaration.model_json_schema(), field)
        assert props is not None, field
        ranged = [p for p in props.get("anyOf", [props]) if p.get("type") in ("integer", "number")]
        assert ranged, field
        assert "minimum" in ranged[0], field
        assert "maximum" in ranged[0], field
    assert '"maximum": 36500' in schema


def _find_property(schema: dict[str, Any], name: str) -> dict[str, Any] | None:
    defs = schema.get("$defs", {})
    assert isinstance(defs, dict)
    for model in [schema, *defs.values()]:
        props = model.get("properties", {}) if isinstance(model, dict) else {}
        if name in props:
            found = props[name]
            assert isinstance(found, dict)
            return found
    return None


def test_config_parameters_have_a_range() -> None:
    MinistryConfig.model_validate({"parameters": {"max_prompt_retention_days": 30}})
    MinistryConfig.model_validate({"parameters": {"min_sla": 99.5}})
    for bad in (10**400, -1, 1_000_001):
        with pytest.raises(ValueError, match=r"less than or equal to 1000000|greater than or"):
            MinistryConfig.model_validate({"parameters": {"max_prompt_retention_days": bad}})


def test_config_big_integer_file_is_positioned(tmp_path: Path) -> None:
    path = tmp_path / "aiprocure.yaml"
    path.write_text("parameters:\n  max_prompt_retention_days: 1" + "0" * 400 + "\n")
    with pytest.raises(InputError) as info:
        load(path, MinistryConfig)
    assert str(info.value) == f"{path}:2:30: integer has 401 digits; the limit is 18"


def test_waiver_dates_are_iso_dates() -> None:
    entry = {
        "id": "w1",
        "rule": "DS920-FA-002",
        "scope": {"corporate_number": "7000012050002"},
        "justification": "j",
        "approver": "a",
        "approved_on": 0,
        "expires_on": "2027-01-01",
    }
    with pytest.raises(ValueError, match="dates must be written YYYY-MM-DD"):
        WaiverFile.model_validate({"waivers": [entry]})


def test_blank_is_not_a_fact_but_empty_keeps_its_message() -> None:
    with pytest.raises(InputError) as info:
        _declaration('schema_version: "1.0"\nvendor:\n  name: ""\n')
    assert "at least 1 character" in str(info.value)
    with pytest.raises(InputError):
        _declaration('schema_version: "1.0"\nvendor:\n  name: "\\t \\u3000"\n')


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ISO/IEC 42001", "ISO/IEC 42001"),
        ("ISO/IEC 42001:2023", "ISO/IEC 42001"),
        ("iso 42001", "ISO/IEC 42001"),
        ("ISO/IEC 27001 certified", "ISO/IEC 27001"),
        ("ISO 9001:2015", "ISO 9001"),
        ("SOC 2 Type II", "SOC 2 Type II"),
        ("soc2 type 2", "SOC 2 Type II"),
        ("SOC 2 Type I", "SOC 2 Type I"),
        ("ISMAP", "ISMAP"),
        ("NOT ISO/IEC 42001 certified (planned 2030)", None),
        ("ISO/IEC 42001 in progress", None),
        ("ISO/IEC 42001 (applying)", None),
        ("pending ISO/IEC 42001", None),
        ("SOC 3 Type II", None),
    ],
)
def test_certification_identifiers(text: str, expected: str | None) -> None:
    assert certification_id(text) == expected


def test_known_identifiers_are_fixed_points() -> None:
    for known in KNOWN:
        assert certification_id(known) == known


def _sec005(tmp_path: Path, certifications: str) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("  certifications:")
    end = text.index("\n", start)
    path = tmp_path / "v.yaml"
    path.write_text(text[:start] + f"  certifications: {certifications}" + text[end:])
    report = api.assess_file(path, api.load_checklists())
    return next(f.status.value for f in report.findings if f.rule_id == "DS920-SEC-005")


def test_sec005_matches_identifiers_not_substrings(tmp_path: Path) -> None:
    assert _sec005(tmp_path, '["ISO/IEC 42001:2023"]') == "pass"
    assert _sec005(tmp_path, '["NOT ISO/IEC 42001 certified (planned 2030)"]') == "fail"
    assert _sec005(tmp_path, '["ISO/IEC 27001", "ISO/IEC 42001 in progress"]') == "fail"


def test_one_bad_file_in_a_batch_does_not_take_the_others_down(tmp_path: Path) -> None:
    good = tmp_path / "a-good.yaml"
    good.write_bytes(EXAMPLE.read_bytes())
    bad = tmp_path / "b-bad.yaml"
    bad.write_bytes((ROOT / "tests" / "bad" / "big-int-5000-digits.yaml").read_bytes())
    also = tmp_path / "c-good.yaml"
    also.write_bytes(EXAMPLE.read_bytes())
    ruleset = api.load_checklists()
    outcomes: dict[str, str] = {}
    for path in api.expand_paths([tmp_path]):
        try:
            outcomes[path.name] = api.assess_file(path, ruleset).risk_level.value
        except InputError as exc:
            outcomes[path.name] = str(exc)
    assert outcomes["a-good.yaml"] == outcomes["c-good.yaml"]
    assert outcomes["b-bad.yaml"] == f"{bad}:3:16: integer has 5000 digits; the limit is 18"
    for jobs in ("1", "2"):
        result = runner.invoke(
            app, ["check", str(tmp_path), "--format", "json", "--jobs", jobs], env={"LANG": "C"}
        )
        assert result.exit_code == 2, result.output
        assert result.stderr == f"{bad}:3:16: integer has 5000 digits; the limit is 18\n"
        assert str(good) in result.stdout
        assert str(also) in result.stdout


def test_strict_base_is_unchanged() -> None:
    assert Strict.model_config["extra"] == "forbid"


def test_no_parent_beside_a_parent_is_rejected() -> None:
    """A contradiction is an input error, never read in the vendor's favour: found by the deletion
    property (deleting ``parent_country`` beside ``has_parent_company: false`` passed FA-012)."""
    from pydantic import ValidationError

    from aiprocure.model.declaration import Declaration

    vendor = {"name": "X", "has_parent_company": False, "parent_country": "US"}
    with pytest.raises(ValidationError, match="has_parent_company is false"):
        Declaration.model_validate({"schema_version": "1.0", "vendor": vendor})
    entity = {"name": "Y", "country": "JP", "has_parent_company": False, "parent_country": "US"}
    with pytest.raises(ValidationError, match="has_parent_company is false"):
        Declaration.model_validate(
            {"schema_version": "1.0", "sub_processors": {"entities": [entity]}}
        )
