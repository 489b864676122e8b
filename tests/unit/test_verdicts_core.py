"""Issue 11, the verdict core: silence never scores better, the three-state high-risk
determination and its gate, escalations, and the two verdicts (docs/verdicts.md sections 3-6)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from aiprocure import api
from aiprocure.cli import app
from aiprocure.engine.assess import assess
from aiprocure.engine.scores import risk_of
from aiprocure.gate import FailOn, gate_status
from aiprocure.model.checklist import Severity
from aiprocure.model.declaration import Declaration
from aiprocure.model.findings import DeterminationState, Report, RiskLevel, Status
from aiprocure.sources.yamlsrc import parse

ROOT = Path(__file__).resolve().parents[2]
EX = ROOT / "examples"
COMPILED = api.compiled_ruleset(api.load_checklists())


def _data(name: str) -> dict[str, Any]:
    path = EX / name
    data: dict[str, Any] = parse(str(path), path.read_bytes()).data
    return data


def _assess(data: dict[str, Any]) -> Report:
    return assess(COMPILED, Declaration.model_validate(data), file="d.yaml")


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"LANG": "C", "SOURCE_DATE_EPOCH": ""})
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout


def _write(tmp_path: Path, data: dict[str, Any], name: str = "d.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# --- silence never scores better (bypass 4) ----------------------------------------------------


@pytest.mark.parametrize("status", [Status.FAIL, Status.UNANSWERED, Status.UNVERIFIED])
@pytest.mark.parametrize("severity", list(Severity))
def test_an_open_finding_carries_its_full_severity(status: Status, severity: Severity) -> None:
    # the old rule gave unanswered and unverified one step less (critical -> high, ...)
    assert risk_of(status, severity) is risk_of(Status.FAIL, severity)


@pytest.mark.parametrize(
    ("section", "key", "failing"),
    [
        ("security", "ismap", "none"),
        ("exit", "exports", [{"content": "prompts", "formats": ["JSON"]}]),  # 2.0 examples
    ],
)
def test_deleting_a_failing_fact_does_not_lower_the_risk(
    section: str, key: str, failing: Any
) -> None:
    """Bypass 4: deleting a failing fact lowered the overall risk from high to medium."""
    data = _data("domestic-low-risk.yaml")
    data[section][key] = failing
    failed = _assess(data)
    assert failed.risk_level is RiskLevel.HIGH
    silent = copy.deepcopy(data)
    del silent[section][key]
    after = _assess(silent)
    assert after.risk_level.rank >= failed.risk_level.rank
    assert gate_status(after, FailOn.HIGH) == 1


# --- the three-state determination (bypass 2) --------------------------------------------------


def _incomplete_use_case() -> dict[str, Any]:
    data = _data("domestic-low-risk.yaml")
    for key in ("users", "task_nature", "staff_review"):
        del data["use_case"][key]
    return data


def test_an_incomplete_determination_is_its_own_state() -> None:
    report = _assess(_incomplete_use_case())
    det = report.determination
    assert det.state is DeterminationState.INCOMPLETE
    assert det.blocks_gate
    undetermined = {r.viewpoint: r.missing for r in det.reasons if r.state == "undetermined"}
    assert undetermined == {
        "HR-USERS": ["use_case.users"],
        "HR-TASK": ["use_case.task_nature"],
        "HR-REVIEW": ["use_case.staff_review"],
    }
    assert report.review_required
    assert report.risk.level is RiskLevel.LOW  # the vendor's answers are fine: two verdicts


def test_bypass_2_an_incomplete_determination_blocks_the_gate(tmp_path: Path) -> None:
    path = _write(tmp_path, _incomplete_use_case())
    code, out = _run("check", str(path), "--lang", "en")
    assert code == 1
    assert "INCOMPLETE" in out
    assert "No high-risk review flag" not in out
    code, out = _run("check", str(path), "--lang", "ja")
    assert code == 1
    assert "判定未確定" in out
    assert "対象外" not in out.split("分野別スコア")[0].split("観点別スコア")[0]


def test_warn_shows_incomplete_but_lets_it_pass(tmp_path: Path) -> None:
    path = _write(tmp_path, _incomplete_use_case())
    code, out = _run("check", str(path), "--lang", "en", "--incomplete-determination", "warn")
    assert code == 0
    assert "INCOMPLETE" in out
    assert "warning only" in out
    code, doc = _run(
        "check", str(path), "-f", "json", "--incomplete-determination", "warn", "--fail-on", "high"
    )
    report = json.loads(doc)
    assert report["determination"]["state"] == "incomplete"
    assert report["determination"]["blocks_gate"] is False


def test_the_config_can_make_incomplete_warn_only(tmp_path: Path) -> None:
    path = _write(tmp_path, _incomplete_use_case())
    config = tmp_path / "aiprocure.yaml"
    config.write_text("gate:\n  incomplete_determination: warn\n", encoding="utf-8")
    assert _run("check", str(path), "--config", str(config))[0] == 0
    # the command line wins over the config
    args = ("check", str(path), "--config", str(config), "--incomplete-determination", "block")
    assert _run(*args)[0] == 1
    code, out = _run("config", "show", "--config", str(config), "--lang", "en")
    assert code == 0
    assert f"incomplete_determination: warn  [{config}:2]" in out


def test_warn_never_lets_a_raised_determination_pass(tmp_path: Path) -> None:
    path = EX / "citizen-facing-no-review.yaml"
    code, _ = _run("check", str(path), "--fail-on", "never", "--incomplete-determination", "warn")
    assert code == 1


def test_the_blank_init_template_is_incomplete_never_out_of_scope(tmp_path: Path) -> None:
    for lang in ("ja", "en"):
        code, template = _run("init", "--lang", lang)
        assert code == 0
        path = tmp_path / f"t-{lang}.yaml"
        path.write_text(template, encoding="utf-8")
        code, doc = _run("check", str(path), "-f", "json")
        assert code == 1
        assert json.loads(doc)["determination"]["state"] == "incomplete"
        code, out = _run("check", str(path), "--lang", lang)
        assert "高リスク判定の対象外" not in out
        assert ("判定未確定" if lang == "ja" else "INCOMPLETE") in out


def test_a_raised_determination_still_names_its_undetermined_viewpoints() -> None:
    data = _data("citizen-facing-no-review.yaml")
    del data["use_case"]["task_nature"]
    det = _assess(data).determination
    assert det.state is DeterminationState.RAISED
    assert any(r.state == "undetermined" for r in det.reasons)


# --- escalations (design section 6) ------------------------------------------------------------


def test_an_unanswered_review_flag_rule_escalates() -> None:
    data = _data("domestic-low-risk.yaml")
    del data["data_locations"]
    report = _assess(data)
    escalated = {e.rule: e.status for e in report.risk.escalations}
    assert escalated.get("DS920-FA-011") is Status.UNANSWERED  # FA-001's successor
    assert report.review_required
    assert gate_status(report, FailOn.NEVER) == 1  # --fail-on-review: an escalation blocks
    assert report.determination.state is DeterminationState.NOT_RAISED  # kept apart


def test_escalation_reasons_do_not_call_high_rules_critical() -> None:
    data = _data("domestic-low-risk.yaml")
    del data["data_locations"]
    report = _assess(data)
    assert report.risk.escalations
    for e in report.risk.escalations:
        assert "重大な項目" not in e.reason.ja
        assert "critical item" not in e.reason.en
        assert "CAIO" in e.reason.ja


def test_the_risk_names_the_rules_that_set_it() -> None:
    report = _assess(_data("overseas-foreign-access.yaml"))
    assert report.risk.level is report.risk_level
    assert report.risk.reasons
    # every reason is at the report's level: critical, because the vendor may train on retrieved
    # personal data (TRN-001 raised by its severity_by row)
    assert all(Severity(r.severity).value == report.risk.level.value for r in report.risk.reasons)
    assert "DS920-TRN-001" in {r.rule for r in report.risk.reasons}


# --- compare and diff --------------------------------------------------------------------------


def test_compare_has_a_determination_row(tmp_path: Path) -> None:
    incomplete = _write(tmp_path, _incomplete_use_case())
    args = [str(EX / "domestic-low-risk.yaml"), str(incomplete)]
    args.append(str(EX / "citizen-facing-no-review.yaml"))
    code, out = _run("compare", *args, "--format", "csv", "--lang", "ja")
    assert code == 0
    (row,) = [line for line in out.splitlines() if line.startswith("高リスク判定,")]
    assert row.split(",")[1:] == ["非該当", "判定未確定", "該当"]


def test_diff_shows_a_determination_change_as_its_own_line_and_it_is_worse(tmp_path: Path) -> None:
    incomplete = _write(tmp_path, _incomplete_use_case())
    old = str(EX / "domestic-low-risk.yaml")
    code, out = _run("diff", old, str(incomplete), "--format", "markdown", "--lang", "ja")
    assert code == 1  # becoming incomplete is worse
    assert "高リスク判定: 非該当 → 判定未確定" in out
    code, doc = _run("diff", old, str(incomplete), "--format", "json")
    parsed = json.loads(doc)
    assert (parsed["old_determination"], parsed["new_determination"]) == (
        "not_raised",
        "incomplete",
    )
    assert parsed["worse"] is True
    code, _ = _run("diff", str(incomplete), old, "--format", "json")
    assert code == 0  # answering the viewpoints is an improvement


def test_scores_read_each_findings_own_severity() -> None:
    """For ``severity_by`` (effective severity per finding): the risk follows the finding's own
    ``severity``, not its rule's."""
    from aiprocure.engine.findings import report_order, run_rules
    from aiprocure.engine.scores import category_scores, overall_risk

    data = _data("domestic-low-risk.yaml")
    data["security"]["ismap"] = "none"  # DS920-SEC-001 fails at high
    values = Declaration.model_validate(data).model_dump(mode="json", exclude_none=True)
    plans = COMPILED.report_order
    findings, codes = run_rules(plans, values, None, "d.yaml", {}, {})
    order = report_order(codes)
    args = (COMPILED.ruleset, COMPILED.categories, plans, codes, order)
    assert overall_risk(category_scores(*args)) is RiskLevel.HIGH
    i = next(i for i, f in enumerate(findings) if f.rule_id == "DS920-SEC-001")
    raised = list(findings)
    raised[i] = findings[i].model_copy(update={"severity": Severity.CRITICAL})
    assert overall_risk(category_scores(*args, raised)) is RiskLevel.CRITICAL
    assert overall_risk(category_scores(*args, findings)) is RiskLevel.HIGH  # memo not polluted
