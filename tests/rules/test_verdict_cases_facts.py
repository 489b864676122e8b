"""The verdict cases of the facts format 2.0 added (docs/verdict-cases/30-41; docs/verdicts.md
7.10): a government agency as the provider, system data abroad, arbitration and the contracting
company, ISMAP scope and status, open weights' provenance, a sub-processor's nationality against
where it operates.

Each file is a partial declaration deep-merged onto the base its first comment names (which may be
another case); the expected verdict is the header's: the compliance risk, the deciding rules with
their status and effective severity, the determination, and the gate at ``--fail-on high`` with
``--fail-on-review``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from aiprocure import api
from aiprocure.gate import FailOn, exit_code
from aiprocure.model.findings import Report
from aiprocure.model.ruleset import Ruleset
from tests.rules.test_verdict_cases import merge

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "docs" / "verdict-cases"

# file: (risk, {rule: (status, effective severity)}, raised, exit code)
EXPECTED: dict[str, tuple[str, dict[str, tuple[str, str]], bool, int]] = {
    "30-government-agency-provider.yaml": (
        "low",
        {
            "DS920-FA-014": ("fail", "low"),
            "DS920-FA-012": ("pass", "high"),
            "DS920-FA-015": ("pass", "high"),
        },
        False,
        0,
    ),
    "31-system-data-telemetry-abroad.yaml": (
        "medium",
        {"DS920-FA-016": ("fail", "medium"), "DS920-FA-004": ("pass", "high")},
        False,
        0,
    ),
    "32-abuse-signals-with-content.yaml": (
        "high",
        {"DS920-FA-016": ("fail", "high")},
        False,
        1,
    ),
    "33-arbitration-abroad.yaml": (
        "high",
        {
            "DS920-LAW-003": ("fail", "high"),
            "DS920-LAW-002": ("not_applicable", "high"),
            "DS920-LAW-001": ("pass", "high"),
        },
        False,
        1,
    ),
    "34-arbitration-tokyo.yaml": (
        "low",
        {"DS920-LAW-003": ("pass", "high"), "DS920-LAW-002": ("not_applicable", "high")},
        False,
        0,
    ),
    "35-contracting-entity-by-billing-country.yaml": (
        "high",
        {"DS920-FA-012": ("fail", "high"), "DS920-FA-011": ("pass", "critical")},
        False,
        1,
    ),
    "36-ismap-platform-only.yaml": (
        "high",
        {"DS920-SEC-007": ("fail", "high"), "DS920-SEC-001": ("pass", "high")},
        False,
        1,
    ),
    "37-ismap-applying.yaml": (
        "high",
        {"DS920-SEC-001": ("fail", "high"), "DS920-SEC-007": ("not_applicable", "high")},
        False,
        1,
    ),
    "38-open-weight-provenance.yaml": (
        "low",
        {
            "DS920-MOD-003": ("pass", "medium"),
            "DS920-MOD-002": ("pass", "medium"),
            "DS920-FA-011": ("pass", "critical"),
        },
        False,
        0,
    ),
    "39-open-weight-from-a-mirror.yaml": (
        "medium",
        {"DS920-MOD-003": ("fail", "medium"), "DS920-MOD-002": ("pass", "medium")},
        False,
        0,
    ),
    "40-subprocessor-nationality-vs-location.yaml": (
        "high",
        {"DS920-FA-012": ("fail", "high"), "DS920-FA-017": ("pass", "high")},
        False,
        1,
    ),
    "41-subprocessor-located-abroad.yaml": (
        "high",
        {"DS920-FA-017": ("fail", "high"), "DS920-FA-012": ("pass", "high")},
        False,
        1,
    ),
}


def declaration_of(path: Path) -> Any:
    """A case deep-merged onto its base, bases resolved in turn."""
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not text.startswith("# base:"):
        return data
    base = ROOT / text.splitlines()[0].removeprefix("# base:").strip()
    return merge(declaration_of(base), data)


@pytest.fixture(scope="module")
def ruleset() -> Ruleset:
    return api.load_checklists()


def report_of(name: str, ruleset: Ruleset, tmp: Path) -> Report:
    path = tmp / name
    path.write_text(yaml.safe_dump(declaration_of(CASES / name), allow_unicode=True), "utf-8")
    return api.assess_file(path, ruleset)


def test_every_case_from_30_is_listed() -> None:
    numbered = {p.name for p in CASES.glob("[3-9][0-9]-*.yaml")}
    assert numbered == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_verdict_case(name: str, ruleset: Ruleset, tmp_path: Path) -> None:
    risk, rules, raised, code = EXPECTED[name]
    report = report_of(name, ruleset, tmp_path)
    found = {f.rule_id: (str(f.status), str(f.severity)) for f in report.findings}
    for rule, expected in rules.items():
        assert found[rule] == expected, rule
    open_ = sorted(
        (str(f.severity), f.rule_id)
        for f in report.findings
        if str(f.status) in ("fail", "unanswered", "unverified")
    )
    assert str(report.risk_level) == risk, open_
    assert report.high_risk is not None
    assert report.high_risk.triggered is raised
    assert exit_code([report], FailOn.HIGH, fail_on_review=True) == code


def test_a_government_agency_has_no_parent_company(tmp_path: Path) -> None:
    """`kind: government_agency` answers "no parent"; a parent beside it is an input error."""
    path = tmp_path / "agency.yaml"
    path.write_text(
        'schema_version: "1.0"\nvendor:\n  kind: government_agency\n  parent_country: US\n',
        encoding="utf-8",
    )
    with pytest.raises(api.InputError, match="government_agency"):
        api.load_declaration(path)


def test_deleting_the_agency_kind_never_helps(ruleset: Ruleset, tmp_path: Path) -> None:
    """Without `kind`, the parent is unanswered again: the chain rules get no better."""
    data = declaration_of(CASES / "30-government-agency-provider.yaml")
    with_kind = report_of_data(data, ruleset, tmp_path / "a.yaml")
    del data["vendor"]["kind"]
    without = report_of_data(data, ruleset, tmp_path / "b.yaml")
    before = {f.rule_id: str(f.status) for f in with_kind.findings}
    after = {f.rule_id: str(f.status) for f in without.findings}
    assert (before["DS920-FA-011"], before["DS920-FA-012"]) == ("pass", "pass")
    assert (after["DS920-FA-011"], after["DS920-FA-012"]) == ("unanswered", "unanswered")
    assert str(without.risk_level) == "critical"


def report_of_data(data: dict[str, Any], ruleset: Ruleset, path: Path) -> Report:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return api.assess_file(path, ruleset)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_deleting_a_key_never_helps_in_these_cases(name: str) -> None:
    """The deletion property (docs/verdicts.md section 9) over every key of cases 30-41, so the
    new facts and rules are covered, not only the shipped examples."""
    from tests.unit.test_deletion_property import all_violations

    data = yaml.safe_load(yaml.safe_dump(declaration_of(CASES / name), allow_unicode=True))
    data = json.loads(json.dumps(data, default=str))
    found = list(all_violations(data))
    assert found == [], found[:10]


@pytest.mark.parametrize(
    "contract",
    [
        "{court_country: JP, arbitration_seat: SG}",
        "{dispute_resolution: arbitration, court: Tokyo District Court}",
        "{dispute_resolution: court, arbitration_rules: ICC}",
    ],
)
def test_one_dispute_forum_only(contract: str, tmp_path: Path) -> None:
    """Court and arbitration facts together, or a forum contradicting them, are an input error:
    deleting one of them must never turn an arbitration abroad into a passing court forum."""
    path = tmp_path / "forum.yaml"
    path.write_text(f'schema_version: "1.0"\ncontract: {contract}\n', encoding="utf-8")
    with pytest.raises(api.InputError, match="contract"):
        api.load_declaration(path)
