"""The data-vocabulary verdict cases of docs/verdicts.md section 12 (11, 12, 13, 16, 17, 18).

Each file under docs/verdict-cases/ is a partial declaration deep-merged onto the base its first
comment names (mappings key by key; lists and scalars replaced; ``~DELETE~`` removes a key). The
expected verdicts are those of the table in section 12: the compliance risk with the rules that
decide it, the high-risk determination, and the gate at the default ``--fail-on high`` with
``--fail-on-review``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from aiprocure import api
from aiprocure.gate import FailOn, exit_code
from aiprocure.model.findings import Report

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "docs" / "verdict-cases"
DELETE = "~DELETE~"
# Keys of other helpers' designs that this branch's model does not know yet (verdict-foreign's
# model fields): dropped here, so the cases load before the branches are merged.
NOT_YET: frozenset[str] = frozenset()


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for key, value in over.items():
            if value == DELETE:
                out.pop(key, None)
            else:
                out[key] = _merge(base.get(key), value)
        return out
    return over


def _drop(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _drop(v) for k, v in node.items() if k not in NOT_YET}
    if isinstance(node, list):
        return [_drop(v) for v in node]
    return node


def declaration_of(name: str) -> dict[str, Any]:
    text = (CASES / name).read_text(encoding="utf-8")
    base = text.splitlines()[0].removeprefix("# base:").strip()
    merged = _merge(yaml.safe_load((ROOT / base).read_text(encoding="utf-8")), yaml.safe_load(text))
    return dict(_drop(merged))


def report_of(name: str, tmp_path: Path) -> Report:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(declaration_of(name), allow_unicode=True), encoding="utf-8")
    return api.assess_file(path, api.load_checklists())


def _status(report: Report, rule: str) -> tuple[str, str]:
    f = next(f for f in report.findings if f.rule_id == rule)
    return str(f.status), str(f.severity)


def _level(report: Report, viewpoint: str) -> str | None:
    assert report.high_risk is not None
    return next(v.level for v in report.high_risk.viewpoints if v.id == viewpoint)


# file: (risk, {rule: (status, effective severity)}, {viewpoint: level}, raised, exit code)
EXPECTED: dict[str, tuple[str, dict[str, tuple[str, str]], dict[str, str], bool, int]] = {
    "11-class2-fine-tuning.yaml": (
        "low",
        {"DS920-LOCK-005": ("pass", "medium"), "DS920-LOCK-008": ("pass", "medium")},
        {"HR-CONFIDENTIAL": "training_protected"},
        True,
        1,
    ),
    "12-citizen-chatbot-sensitive.yaml": (
        "high",
        {"DS920-HARM-004": ("fail", "high"), "DS920-PRIV-003": ("fail", "high")},
        {"HR-USERS": "public", "HR-CONFIDENTIAL": "retrieval_sensitive", "HR-REVIEW": "checked"},
        True,
        1,
    ),
    "13-internal-summariser-class1.yaml": (
        "low",
        {
            "DS920-PRIV-002": ("pass", "medium"),
            "DS920-PRIV-003": ("pass", "medium"),
            "DS920-FA-004": ("pass", "high"),
            "DS920-LOCK-004": ("not_applicable", "medium"),
        },
        {"HR-CONFIDENTIAL": "none"},
        False,
        0,
    ),
    "16-onprem-ismap.yaml": (
        "low",
        {"DS920-SEC-001": ("not_applicable", "high"), "DS920-SEC-006": ("not_applicable", "high")},
        {},
        False,
        0,
    ),
    "17-training-personal.yaml": (
        "critical",
        {"DS920-TRN-001": ("fail", "critical")},
        {"HR-CONFIDENTIAL": "none"},
        False,
        1,
    ),
    "18-banner-only-controls.yaml": (
        "high",
        {
            "DS920-QUAL-003": ("fail", "high"),
            "DS920-QUAL-005": ("fail", "medium"),
            "DS920-QUAL-001": ("pass", "high"),
        },
        {},
        False,
        1,
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_verdict_case(name: str, tmp_path: Path) -> None:
    risk, rules, levels, raised, code = EXPECTED[name]
    report = report_of(name, tmp_path)
    assert str(report.risk_level) == risk
    for rule, expected in rules.items():
        assert _status(report, rule) == expected, rule
    for viewpoint, level in levels.items():
        assert _level(report, viewpoint) == level, viewpoint
    assert report.high_risk is not None
    assert report.high_risk.triggered is raised
    assert exit_code([report], FailOn.HIGH, fail_on_review=True) == code


def test_fine_tuning_example_is_case_11(tmp_path: Path) -> None:
    """examples/class2-fine-tuning.yaml is case 11 written out in full: same verdict."""
    example = api.assess_file(ROOT / "examples" / "class2-fine-tuning.yaml", api.load_checklists())
    case = report_of("11-class2-fine-tuning.yaml", tmp_path)
    assert example.risk_level == case.risk_level
    assert [(f.rule_id, f.status, f.severity) for f in example.findings] == [
        (f.rule_id, f.status, f.severity) for f in case.findings
    ]
    assert example.high_risk is not None
    assert case.high_risk is not None
    assert [v.level for v in example.high_risk.viewpoints] == [
        v.level for v in case.high_risk.viewpoints
    ]
    assert example.high_risk.triggered
    assert case.high_risk.triggered


def test_legacy_words_never_read_milder() -> None:
    """1.0's `internal` reads as 機密性2 and `confidential` as 機密性3: each raises at least what
    it raised before (docs/verdicts.md section 8.2)."""
    from aiprocure.model.declaration import Declaration

    d = Declaration.model_validate(
        {
            "schema_version": "1.0",
            "use_case": {
                "data_for_training": ["internal"],
                "data_for_retrieval": ["confidential", "personal"],
            },
        }
    )
    assert d.use_case is not None
    assert d.use_case.data is not None
    assert [c.value for c in d.use_case.data.training or []] == ["class2"]
    assert [c.value for c in d.use_case.data.retrieval or []] == ["class3", "personal"]
    assert d.use_case.data.prompts == d.use_case.data.retrieval


def test_both_spellings_at_once_are_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "both.yaml"
    path.write_text(
        'schema_version: "1.0"\nuse_case:\n  data_for_training: []\n  data: {training: []}\n',
        encoding="utf-8",
    )
    with pytest.raises(api.InputError) as err:
        api.assess_file(path, api.load_checklists())
    assert "not both" in str(err.value)
