"""Data-driven rule cases: tests/rules/cases/<ID>.yaml, one file per rule or high-risk viewpoint.

Each file names a rule (``rule:``) or a viewpoint (``viewpoint:``) and lists cases; each case
gives a partial declaration (``schema_version`` is added) and the expected status (rules) or
level id (viewpoints; ``unanswered`` for none). Every shipped rule needs a pass and a fail case.

A case runs the real path: its declaration is written as a YAML file (``case_text``: block style,
``schema_version: '1.0'`` on line 1, then the declaration's keys in the case's order) and assessed
with ``api.assess_file``. A case the reader has to act on (a rule's ``fail``, ``unanswered`` or
``unverified``; every viewpoint case) also states where the finding points, ``at: {line, col,
field}``, in that file: the field path and the 1-based line and column of the fact (a missing field
points at its nearest present parent). A rule case may also state the finding's effective
``severity`` (``severity_by``: raised by the data class or audience, the worst row when unknown). ``python -m tests.rules.test_rule_cases`` prints each
case's file with line numbers and the position found, to write or check an ``at``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from aiprocure import api
from aiprocure.model.findings import Location
from aiprocure.model.ruleset import Ruleset

CASES_DIR = Path(__file__).parent / "cases"


def _case_files() -> list[Path]:
    return sorted(CASES_DIR.glob("*.yaml"))


def _cases() -> list[Any]:
    out = []
    for path in _case_files():
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        target = spec.get("rule") or spec.get("viewpoint")
        for i, case in enumerate(spec["cases"]):
            out.append(pytest.param(spec, case, id=f"{target}-{i}-{case['expect']}"))
    return out


@pytest.fixture(scope="module")
def ruleset() -> Ruleset:
    return api.load_checklists()


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cases")


# Rule statuses whose case must say where the finding points (every viewpoint case does).
POSITIONED = {"fail", "unanswered", "unverified"}


def case_text(case: dict[str, Any]) -> str:
    """The declaration file a case is assessed as (its lines are what ``at`` counts)."""
    data = {"schema_version": "1.0", **(case.get("declaration") or {})}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False)


def outcome(
    spec: dict[str, Any], case: dict[str, Any], ruleset: Ruleset, tmp: Path
) -> tuple[str, Location]:
    """(status or level, location) of the case's rule or viewpoint, through ``api.assess_file``."""
    status, location, _ = outcome_and_severity(spec, case, ruleset, tmp)
    return status, location


def outcome_and_severity(
    spec: dict[str, Any], case: dict[str, Any], ruleset: Ruleset, tmp: Path
) -> tuple[str, Location, str | None]:
    """``outcome`` and the finding's effective severity (None for a viewpoint)."""
    path = tmp / "case.yaml"
    path.write_text(case_text(case), encoding="utf-8")
    report = api.assess_file(path, ruleset)
    if "rule" in spec:
        finding = next(f for f in report.findings if f.rule_id == spec["rule"])
        return str(finding.status), finding.location, str(finding.severity)
    assert report.high_risk is not None
    vp = next(v for v in report.high_risk.viewpoints if v.id == spec["viewpoint"])
    return vp.level or "unanswered", vp.location, None


def needs_position(spec: dict[str, Any], case: dict[str, Any]) -> bool:
    return "viewpoint" in spec or case["expect"] in POSITIONED


@pytest.mark.parametrize(("spec", "case"), _cases())
def test_case(spec: dict[str, Any], case: dict[str, Any], ruleset: Ruleset, case_dir: Path) -> None:
    status, location, severity = outcome_and_severity(spec, case, ruleset, case_dir)
    assert status == case["expect"], case["name"]
    if "severity" in case:
        assert severity == case["severity"], f"{case['name']}: effective severity"
    if "at" not in case:
        assert not needs_position(spec, case), f"{case['name']}: state `at:` (where it points)"
        return
    found = {"line": location.line, "col": location.col, "field": location.field}
    assert found == case["at"], f"{case['name']}: points at {found}\n{_numbered(case)}"


def _numbered(case: dict[str, Any]) -> str:
    return "\n".join(f"{n:4} {line}" for n, line in enumerate(case_text(case).splitlines(), 1))


def test_every_rule_has_a_pass_and_a_fail_case(ruleset: Ruleset) -> None:
    expected: dict[str, set[str]] = {}
    for path in _case_files():
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "rule" in spec:
            expected.setdefault(spec["rule"], set()).update(c["expect"] for c in spec["cases"])
    missing = [r.id for r in ruleset.rules if not {"pass", "fail"} <= expected.get(r.id, set())]
    assert not missing, f"rules without both a pass and a fail case: {missing}"


def test_every_viewpoint_level_has_a_case(ruleset: Ruleset) -> None:
    assert ruleset.high_risk is not None
    seen: dict[str, set[str]] = {}
    for path in _case_files():
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "viewpoint" in spec:
            seen.setdefault(spec["viewpoint"], set()).update(c["expect"] for c in spec["cases"])
    for vp in ruleset.high_risk.viewpoints:
        assert {lv.id for lv in vp.levels} <= seen.get(vp.id, set()), vp.id


def test_case_files_name_existing_targets(ruleset: Ruleset) -> None:
    ids = {r.id for r in ruleset.rules}
    assert ruleset.high_risk is not None
    ids |= {v.id for v in ruleset.high_risk.viewpoints}
    for path in _case_files():
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        target = spec.get("rule") or spec.get("viewpoint")
        assert target in ids, f"{path.name} names unknown {target}"
        assert path.stem == target, f"{path.name} should be named {target}.yaml"


if __name__ == "__main__":  # print every case's file and where its finding points
    import tempfile

    rules = api.load_checklists()
    with tempfile.TemporaryDirectory() as tmp:
        for param in _cases():
            spec, case = param.values
            status, loc = outcome(spec, case, rules, Path(tmp))
            print(f"== {param.id}: {case['name']}\n{_numbered(case)}")
            print(f"  -> {status} at {{line: {loc.line}, col: {loc.col}, field: {loc.field}}}")
