"""The foreign-access verdict cases of docs/verdicts.md section 12 (01-10 and 15), as tests.

Each file in docs/verdict-cases/ is a partial declaration deep-merged onto the base its first
comment names (mappings merged key by key, lists and scalars replaced, ``~DELETE~`` removes the
key). The expected verdicts are the table's: the foreign-access risk (the worst severity over the
open foreign-access findings, FA-* and MOD-*, as section 4.4 scores it: unanswered and unverified
at full severity), the deciding rules with their status and where they point, the high-risk
determination, and the gate at ``--fail-on high`` over the same findings (an FA-011 escalation
blocks too). Rules of other areas (SEC-006, SEC-001 on premises) join the whole report's verdict
when their branches land; this test keeps to the foreign-access rules so that it does not depend
on them.
"""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml

from aiprocure import api
from aiprocure.model.declaration import UseCase
from aiprocure.model.findings import Finding, Report
from aiprocure.model.ruleset import Ruleset

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "docs" / "verdict-cases"
DELETE = "~DELETE~"
OPEN = {"fail", "unanswered", "unverified"}
ORDER = ["info", "low", "medium", "high", "critical"]

# file: (risk, {rule: (status, severity, field it points at or None)}, gate blocks)
EXPECTED: dict[str, tuple[str, dict[str, tuple[str, str, str | None]], bool]] = {
    "01-gov-cloud-build.yaml": (
        "low",
        {
            "DS920-FA-014": ("fail", "low", "sub_processors.entities[0].parent_country"),
            "DS920-FA-012": ("pass", "high", None),
            "DS920-FA-011": ("pass", "critical", None),
        },
        False,
    ),
    "02-gov-cloud-us-model-same-cloud.yaml": (
        "high",
        {
            "DS920-FA-012": ("fail", "high", "sub_processors.entities[0].parent_country"),
            "DS920-FA-014": ("pass", "low", None),
        },
        True,
    ),
    "03-hyperscaler-direct.yaml": (
        "high",
        {
            "DS920-FA-012": ("fail", "high", "vendor.parent_country"),
            "DS920-FA-011": ("pass", "critical", None),
        },
        True,
    ),
    "04-hyperscaler-via-reseller.yaml": (
        "high",
        {
            "DS920-FA-012": ("fail", "high", "sub_processors.entities[0].parent_country"),
            "DS920-FA-011": ("pass", "critical", None),
            "DS920-FA-013": ("pass", "high", None),
        },
        True,
    ),
    "05-reseller-foreign-model.yaml": (
        "high",
        {
            "DS920-FA-012": ("fail", "high", "sub_processors.entities[1].country"),
            "DS920-FA-006": ("pass", "high", None),
        },
        True,
    ),
    "06-prc-model-api.yaml": (
        "critical",
        {"DS920-FA-011": ("fail", "critical", "sub_processors.entities[1].parent_country")},
        True,
    ),
    "07-open-weight-prc-onprem.yaml": (
        "medium",
        {
            "DS920-MOD-002": ("unanswered", "medium", "system.models[0]"),
            "DS920-MOD-001": ("pass", "medium", None),
            "DS920-FA-011": ("pass", "critical", None),
            "DS920-FA-012": ("pass", "high", None),
        },
        False,
    ),
    "08-no-subprocessor-list.yaml": (
        "critical",
        {
            "DS920-FA-011": ("unanswered", "critical", "sub_processors"),
            "DS920-FA-015": ("unanswered", "high", "sub_processors"),
        },
        True,
    ),
    "09-declared-foreign-law.yaml": (
        "high",
        {
            "DS920-FA-012": ("fail", "high", "foreign_law.subject_to[0]"),
            "DS920-FA-006": ("pass", "high", None),
            "DS920-FA-007": ("pass", "medium", None),
        },
        True,
    ),
    "10-no-access-claim-no-evidence.yaml": (
        "high",
        {
            "DS920-FA-012": ("fail", "high", "sub_processors.entities[0].parent_country"),
            "DS920-FA-013": (
                "fail",
                "high",
                "sub_processors.entities[0].accesses_customer_data",
            ),
        },
        True,
    ),
    "15-external-hsm-storage.yaml": (
        "low",
        {
            "DS920-FA-014": ("fail", "low", "sub_processors.entities[1].parent_country"),
            "DS920-FA-012": ("pass", "high", None),
        },
        False,
    ),
}


def merge(base: Any, patch: Any) -> Any:
    """Mappings merged key by key; lists and scalars replaced; ``~DELETE~`` removes the key."""
    if not isinstance(base, dict) or not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(base)
    for key, value in patch.items():
        if value == DELETE:
            out.pop(key, None)
        elif key in out:
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


# The data vocabulary of section 8 belongs to another branch; until it lands, a case's
# `use_case.data` is read in the 1.0 keys (class1/public stay, class2 -> internal).
_LEGACY_CLASS = {"class1": "public", "class2": "internal", "class3": "confidential"}


def _legacy_data(data: dict[str, Any]) -> dict[str, Any]:
    use = data.get("use_case")
    if not isinstance(use, dict) or "data" not in use or "data" in UseCase.model_fields:
        return data
    uses = use.pop("data")
    for key, target in (("training", "data_for_training"), ("retrieval", "data_for_retrieval")):
        if key in uses:
            use[target] = sorted({_LEGACY_CLASS.get(c, c) for c in uses[key]})
    return data


def declaration(name: str) -> dict[str, Any]:
    path = CASES / name
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# base: "), name
    base_path = ROOT / first.removeprefix("# base: ").strip()
    if base_path.parent == CASES:
        base = declaration(base_path.name)
    else:
        base = yaml.safe_load(base_path.read_text(encoding="utf-8"))
    patch = yaml.safe_load(path.read_text(encoding="utf-8"))
    return _legacy_data(merge(base, patch))


@pytest.fixture(scope="module")
def ruleset() -> Ruleset:
    return api.load_checklists()


def assess(data: dict[str, Any], ruleset: Ruleset, tmp: Path) -> Report:
    path = tmp / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return api.assess_file(path, ruleset)


def foreign(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.rule_id.startswith(("DS920-FA-", "DS920-MOD-"))]


def risk(findings: list[Finding]) -> str:
    open_ = [ORDER.index(f.severity) for f in findings if f.status in OPEN]
    return ORDER[max(open_)] if open_ else "low"


def blocks(findings: list[Finding]) -> bool:
    return any(
        f.status in OPEN and (ORDER.index(f.severity) >= ORDER.index("high") or f.review_flag)
        for f in findings
    )


def test_every_foreign_access_case_is_listed() -> None:
    wanted = {f"{n:02d}-" for n in (*range(1, 11), 15)}
    names = {p.name for p in CASES.glob("*.yaml") if p.name[:3] in wanted}
    assert names == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_verdict_case(name: str, ruleset: Ruleset, tmp_path: Path) -> None:
    expected_risk, rules, expected_block = EXPECTED[name]
    report = assess(declaration(name), ruleset, tmp_path)
    found = foreign(report)
    by_id = {f.rule_id: f for f in found}
    for rule_id, (status, severity, field) in rules.items():
        f = by_id[rule_id]
        assert (str(f.status), str(f.severity)) == (status, severity), (rule_id, f.observed)
        if field is not None:
            assert f.location.field == field, rule_id
    assert risk(found) == expected_risk, [(f.rule_id, f.status) for f in found]
    assert blocks(found) == expected_block
    assert report.high_risk is not None
    assert not report.high_risk.triggered  # determination: not raised in every one of these


def test_direct_and_via_reseller_give_one_holder_one_finding(
    ruleset: Ruleset, tmp_path: Path
) -> None:
    """Cases 03 and 04: same holder, same facts, same verdict (7.5)."""
    direct = foreign(assess(declaration("03-hyperscaler-direct.yaml"), ruleset, tmp_path))
    resold = foreign(assess(declaration("04-hyperscaler-via-reseller.yaml"), ruleset, tmp_path))
    assert risk(direct) == risk(resold) == "high"
    holders = next(f for f in resold if f.rule_id == "DS920-FA-012").observed["chain.holders"]
    assert holders == ["Example Cloud KK (hosting/platform; grade B)"]
    assert not any(f.status in OPEN and f.severity == "critical" for f in resold)


def test_an_explicit_empty_list_passes_where_silence_blocks(
    ruleset: Ruleset, tmp_path: Path
) -> None:
    data = declaration("08-no-subprocessor-list.yaml")
    data["sub_processors"] = {"entities": []}
    found = foreign(assess(data, ruleset, tmp_path))
    assert risk(found) == "low"
    assert not blocks(found)


def test_the_honest_declaration_gets_fa012_only(ruleset: Ruleset, tmp_path: Path) -> None:
    data = declaration("10-no-access-claim-no-evidence.yaml")
    entity = data["sub_processors"]["entities"][0]
    del entity["accesses_customer_data"]
    entity["holds"] = ["store", "process"]
    by_id = {f.rule_id: f for f in foreign(assess(data, ruleset, tmp_path))}
    assert by_id["DS920-FA-012"].status == "fail"
    assert by_id["DS920-FA-013"].status == "pass"


def test_an_unrecognised_law_is_graded_b_and_reported(ruleset: Ruleset, tmp_path: Path) -> None:
    data = declaration("09-declared-foreign-law.yaml")
    data["foreign_law"]["subject_to"] = ["Atlantis Data Act"]
    fa012 = next(f for f in foreign(assess(data, ruleset, tmp_path)) if f.rule_id == "DS920-FA-012")
    assert fa012.status == "fail"
    assert fa012.observed["foreign_law.unrecognised"] == ["Atlantis Data Act"]


@pytest.mark.parametrize(
    "law", ["CLOUD Act", "FISA 702", "National Intelligence Law", "国家情報法"]
)
def test_law_aliases_map_to_their_country(law: str, ruleset: Ruleset, tmp_path: Path) -> None:
    data = declaration("09-declared-foreign-law.yaml")
    data["foreign_law"]["subject_to"] = [law]
    by_id = {f.rule_id: f for f in foreign(assess(data, ruleset, tmp_path))}
    grade_a = law in ("National Intelligence Law", "国家情報法")
    assert by_id["DS920-FA-011"].status == ("fail" if grade_a else "pass")
    assert by_id["DS920-FA-012"].status == ("pass" if grade_a else "fail")
    assert "foreign_law.unrecognised" not in by_id["DS920-FA-012"].observed


def test_a_ministry_can_switch_the_government_cloud_baseline_off(
    ruleset: Ruleset, tmp_path: Path
) -> None:
    values = {**ruleset.parameter_values, "government_cloud_baseline": 0.0}
    off = dataclasses.replace(ruleset, parameter_values=values)
    by_id = {
        f.rule_id: f for f in foreign(assess(declaration("01-gov-cloud-build.yaml"), off, tmp_path))
    }
    assert by_id["DS920-FA-012"].status == "fail"
    assert by_id["DS920-FA-014"].status == "pass"


def test_a_grade_a_platform_is_never_under_the_baseline(ruleset: Ruleset, tmp_path: Path) -> None:
    data = declaration("01-gov-cloud-build.yaml")
    data["sub_processors"]["entities"][0]["parent_country"] = "CN"
    by_id = {f.rule_id: f for f in foreign(assess(data, ruleset, tmp_path))}
    assert by_id["DS920-FA-011"].status == "fail"


def test_a_ministry_can_regrade_a_country(ruleset: Ruleset, tmp_path: Path) -> None:
    pack = tmp_path / "regrade.yaml"
    pack.write_text(
        """checklist: {id: regrade, version: "1", title: {ja: 区分の変更, en: Regrade}}
jurisdictions:
  - country: US
    name: {ja: 米国, en: United States}
    grade: A
    grade_basis: {ja: 府省庁の判断, en: The ministry's decision}
""",
        encoding="utf-8",
    )
    regraded = api.load_checklists([pack])
    by_id = {
        f.rule_id: f
        for f in foreign(assess(declaration("03-hyperscaler-direct.yaml"), regraded, tmp_path))
    }
    assert by_id["DS920-FA-011"].status == "fail"
    assert "US" in regraded.lists["compelled_access_countries"]


def _key_paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            out.append((*prefix, key))
            out += _key_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _key_paths(value, (*prefix, i))
    return out


def _without(data: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any]:
    out = copy.deepcopy(data)
    node: Any = out
    for step in path[:-1]:
        node = node[step]
    del node[path[-1]]
    return out


@pytest.mark.parametrize("name", ["01-gov-cloud-build.yaml", "15-external-hsm-storage.yaml"])
def test_deleting_a_key_never_passes_a_foreign_access_rule(
    name: str, ruleset: Ruleset, tmp_path: Path
) -> None:
    """Section 9 for the foreign-access rules, on the two cases whose coverage (baseline, external
    keys) lowers a verdict: no deletion turns an open finding into a pass or lowers it."""
    data = declaration(name)
    before = {f.rule_id: f for f in foreign(assess(data, ruleset, tmp_path))}
    for path in _key_paths(data):
        if path == ("schema_version",):
            continue
        try:
            after = {f.rule_id: f for f in foreign(assess(_without(data, path), ruleset, tmp_path))}
        except api.InputError:
            continue  # an input error does not pass
        for rule_id, f in before.items():
            if f.status not in OPEN:
                continue
            g = after[rule_id]
            assert g.status in OPEN, (path, rule_id)
            assert ORDER.index(g.severity) >= ORDER.index(f.severity), (path, rule_id)


@pytest.mark.parametrize(
    ("name", "exit_code"),
    [
        ("08-no-subprocessor-list.yaml", 1),  # bypass 1: silence about the chain blocks
        ("09-declared-foreign-law.yaml", 1),  # bypass 3: a declared law counts
        ("01-gov-cloud-build.yaml", 0),
        ("15-external-hsm-storage.yaml", 0),
    ],
)
def test_the_real_gate_at_the_default_fail_on(
    name: str, exit_code: int, ruleset: Ruleset, tmp_path: Path
) -> None:
    from aiprocure.gate import FailOn, Gate

    assert Gate(FailOn.HIGH, True)(assess(declaration(name), ruleset, tmp_path)) == exit_code
