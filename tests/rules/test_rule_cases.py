"""Data-driven rule cases: tests/rules/cases/<ID>.yaml, one file per rule or high-risk viewpoint.

Each file names a rule (``rule:``) or a viewpoint (``viewpoint:``) and lists cases; each case
gives a partial declaration (``schema_version`` is added) and the expected status (rules) or
level id (viewpoints; ``unanswered`` for none). Every shipped rule needs a pass and a fail case.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from aiprocure import api
from aiprocure.model.declaration import Declaration
from aiprocure.model.findings import Status
from aiprocure.model.ruleset import Ruleset
from tests.engine_support import evaluate_rule, high_risk

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


def _data(case: dict[str, Any]) -> dict[str, Any]:
    decl = Declaration.model_validate({"schema_version": "1.0", **(case.get("declaration") or {})})
    return decl.model_dump(mode="json", exclude_none=True)


@pytest.mark.parametrize(("spec", "case"), _cases())
def test_case(spec: dict[str, Any], case: dict[str, Any], ruleset: Ruleset) -> None:
    data = _data(case)
    if "rule" in spec:
        rule = ruleset.rule(spec["rule"])
        assert rule is not None, f"no rule {spec['rule']}"
        finding = evaluate_rule(rule, data, ruleset, None, "case.yaml")
        assert finding.status == Status(case["expect"]), case["name"]
    else:
        result = high_risk(data, ruleset, None, "case.yaml")
        assert result is not None
        vp = next(v for v in result.viewpoints if v.id == spec["viewpoint"])
        assert (vp.level or "unanswered") == case["expect"], case["name"]


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
