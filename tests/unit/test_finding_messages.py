"""A failing finding says what it was judged against and what is missing, in both languages
(``engine.messages``): the limit and the declared value, the missing export contents, the data
classes actually declared."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from aiprocure import api
from aiprocure.engine.messages import PLACEHOLDER
from aiprocure.errors import InputError
from aiprocure.model.conditions import AtLeast, AtMost, ContainsAll
from aiprocure.model.findings import Finding
from aiprocure.model.ruleset import Ruleset
from aiprocure.model.value_names import value_name

CASES = Path(__file__).resolve().parents[1] / "rules" / "cases"


@pytest.fixture(scope="module")
def ruleset() -> Ruleset:
    return api.load_checklists()


def _finding(tmp_path: Path, ruleset: Ruleset, rule: str, data: dict[str, Any]) -> Finding:
    path = tmp_path / "d.yaml"
    path.write_text(
        yaml.safe_dump({"schema_version": "1.0", **data}, allow_unicode=True), encoding="utf-8"
    )
    report = api.assess_file(path, ruleset)
    return next(f for f in report.findings if f.rule_id == rule)


def test_retention_names_the_limit_and_the_declared_days(tmp_path: Path, ruleset: Ruleset) -> None:
    f = _finding(tmp_path, ruleset, "DS920-PRIV-002", {"retention": {"prompt_days": 90}})
    assert f.status == "fail"
    assert (
        f.message.en == "Prompts are kept for 90 days, longer than the ministry's limit of 30 days."
    )
    assert f.message.ja == "入力の保持期間（90 日）が、府省庁の定める上限（30 日）を超えています。"


def test_the_limit_is_the_runs_parameter(tmp_path: Path) -> None:
    """A ministry's parameter changes the limit the message names."""
    rs = api.load_checklists()
    rs.parameter_values["max_prompt_retention_days"] = 7.0
    f = _finding(tmp_path, rs, "DS920-PRIV-002", {"retention": {"prompt_days": 10}})
    assert "limit of 7 days" in f.message.en
    assert "上限（7 日）" in f.message.ja


def test_export_names_what_is_missing(tmp_path: Path, ruleset: Ruleset) -> None:
    data = {"exit": {"export_contents": ["prompts", "outputs", "logs"]}}
    f = _finding(tmp_path, ruleset, "DS920-LOCK-001", data)
    assert f.status == "fail"
    assert f.message.en == "These cannot be exported: user data."
    assert f.message.ja == "エクスポートできないものがあります: 利用者データ。"


def test_fine_tuning_message_names_the_declared_classes(tmp_path: Path, ruleset: Ruleset) -> None:
    data = {
        "use_case": {"data": {"training": ["public"], "retrieval": [], "prompts": []}},
        "exit": {"export_contents": ["prompts"]},
    }
    f = _finding(tmp_path, ruleset, "DS920-LOCK-005", data)
    assert f.status == "fail"
    assert f.message.en.startswith("Fine-tuning uses public information,")
    assert "Government data" not in f.message.en
    assert f.message.ja.startswith("公開情報で追加学習する")
    data["use_case"] = {
        "data": {"training": ["class2", "personal"], "retrieval": [], "prompts": []}
    }
    f = _finding(tmp_path, ruleset, "DS920-LOCK-005", data)
    assert "class-2 confidential (機密性2) information, personal information" in f.message.en
    assert f.message.ja.startswith("機密性2情報、個人情報で追加学習する")


def test_every_threshold_or_required_set_rule_names_it(ruleset: Ruleset) -> None:
    """A rule whose check is a bound or a required set says the bound or what is missing."""
    for rule in ruleset.rules:
        if not rule.id.startswith("DS920-") or rule.message is None:
            continue
        slot = (
            "{limit}"
            if isinstance(rule.check, AtLeast | AtMost)
            else "{missing}"
            if isinstance(rule.check, ContainsAll) and rule.check.contains_all.named is not None
            else None
        )
        if slot is not None:
            assert slot in rule.message.en, rule.id
            assert slot in rule.message.ja, rule.id


def test_fail_cases_leave_no_placeholder(ruleset: Ruleset, tmp_path: Path) -> None:
    """Every shipped fail case of a rule with placeholders gets them all filled."""
    with_slots = {
        r.id
        for r in ruleset.rules
        if r.message is not None and PLACEHOLDER.search(r.message.en + r.message.ja)
    }
    assert len(with_slots) >= 10
    seen = 0
    for path in sorted(CASES.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        if spec.get("rule") not in with_slots:
            continue
        for case in spec["cases"]:
            if case["expect"] != "fail":
                continue
            f = _finding(tmp_path, ruleset, spec["rule"], case.get("declaration") or {})
            assert f.status == "fail"
            for text in (f.message.en, f.message.ja):
                assert not PLACEHOLDER.search(text), (spec["rule"], text)
                assert "{" not in text, (spec["rule"], text)
            seen += 1
    assert seen >= len(with_slots)


@pytest.mark.parametrize(
    ("field", "value", "ja", "en"),
    [
        ("use_case.data.training", ["class3", "my_number"], "機密性3情報、特定個人情報", None),
        ("exit.export_contents", [], "なし", "none"),
        ("retention.prompt_days", 30.0, "30", "30"),
        ("retention.prompt_days", None, "未回答", "not answered"),
        (
            "system.models",
            [{"name": "M", "hosting": "platform"}],
            "name: M / hosting: クラウド・AI プラットフォーム",
            None,
        ),
    ],
)
def test_value_names(field: str, value: object, ja: str, en: str | None) -> None:
    assert value_name(field, value, "ja") == ja
    if en is not None:
        assert value_name(field, value, "en") == en


PACK = """checklist: {id: extra, version: "1", title: {ja: 追加, en: Extra}}
rules:
  - id: MIN-X-001
    category: security
    severity: low
    title: {ja: 鍵, en: Keys}
    rationale: {ja: 理由, en: Why}
    remediation: {ja: 対応, en: Fix}
    message: {ja: "上限 {limt} 日、{missing}", en: "limit {limit}; {field:use_case.nope}"}
    provenance: tool
    references: [{source: Ministry policy}]
    check: {at_most: {field: retention.prompt_days, value: 30}}
"""


def test_a_pack_message_placeholder_is_checked_at_load(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK, encoding="utf-8")
    with pytest.raises(InputError) as info:
        api.load_checklists([pack])
    got = [(p.line, p.col, p.message, p.ja) for p in info.value.problems]
    assert got == [
        (
            9,
            5,
            "unknown placeholder {limt} in the message (known: {limit}, {value}, {expected}, "
            "{missing}, {outside}, {found}, {field:PATH})",
            "メッセージのプレースホルダ {limt} は使えません（使えるもの: {limit}、{value}、"
            "{expected}、{missing}、{outside}、{found}、{field:PATH}）",
        ),
        (
            9,
            5,
            "{field:use_case.nope}: unknown field 'nope' in use_case",
            "{field:use_case.nope}: 不明なフィールド 'nope' です（use_case）",
        ),
        (
            9,
            5,
            "{missing} in the message: the check has no test that gives it",
            "メッセージの {missing} に入る値を与える条件が check にありません",
        ),
    ]
