"""Ministry config: overrides applied, positioned errors, auto-discovery, provenance."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.caio.helpers import EX, OVERSEAS, finding, report_json, run, write

JSON = ("--format", "json", "--fail-on", "never", "--no-fail-on-review")


def test_overrides_apply(tmp_path: Path) -> None:
    cfg = write(
        tmp_path / "c.yaml",
        "severity:\n  DS920-SEC-005: critical\n"
        "disabled:\n  DS920-LOCK-007: covered by the ministry exit clause\n"
        "parameters:\n  max_incident_notification_hours: 1000\n",
    )
    base = report_json(run("check", str(OVERSEAS), "--no-config", *JSON)[1])
    doc = report_json(run("check", str(OVERSEAS), "--config", str(cfg), *JSON)[1])
    assert finding(doc, "DS920-SEC-005")["severity"] == "critical"
    assert all(f["rule_id"] != "DS920-LOCK-007" for f in doc["findings"])
    assert len(doc["findings"]) == len(base["findings"]) - 1
    statuses = {f["rule_id"]: f["status"] for f in base["findings"]}
    assert statuses["DS920-ACC-001"] == "fail"  # incident notification too slow by default
    assert finding(doc, "DS920-ACC-001")["status"] == "pass"


def test_config_defaults_fail_on_and_lang(tmp_path: Path) -> None:
    cfg = write(tmp_path / "c.yaml", "defaults:\n  lang: ja\n  fail_on: never\n")
    code, out, _ = run("check", str(OVERSEAS), "--config", str(cfg), "--no-fail-on-review")
    assert code == 0
    assert "事業者の適合リスク" in out
    code, out, _ = run(
        "check",
        str(OVERSEAS),
        "--config",
        str(cfg),
        "--no-fail-on-review",
        "--fail-on",
        "low",
        "--lang",
        "en",
    )
    assert code == 1
    assert "Vendor compliance risk" in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("severity:\n  DS920-NOPE-001: high\n", ":2:3: severity: unknown rule 'DS920-NOPE-001'"),
        (
            "disabled:\n  DS920-SEC-05: x\n",
            ":2:3: disabled: unknown rule 'DS920-SEC-05'; did you mean 'DS920-SEC-005'?",
        ),
        (
            "parameters:\n  max_incident_hours: 3\n",
            ":2:3: parameters: unknown parameter 'max_incident_hours'",
        ),
        ("severity:\n  DS920-SEC-005: urgent\n", ":2:3: severity.DS920-SEC-005: write one of"),
        (
            "parameters:\n  max_incident_notification_hours: '12'\n",
            ":2:3: parameters.max_incident_notification_hours:",
        ),
        ("extends: base.yaml\n", ":1:1: unknown key 'extends' in the top level"),
        ("disabled:\n  DS920-SEC-005: ''\n", ":2:3: disabled.DS920-SEC-005:"),
        ("defaults:\n  fail_on: sometimes\n", ":2:3: defaults.fail_on:"),
    ],
)
def test_positioned_errors(tmp_path: Path, text: str, expected: str) -> None:
    cfg = write(tmp_path / "c.yaml", text)
    code, out, err = run("check", str(OVERSEAS), "--config", str(cfg))
    assert code == 2
    assert out == ""
    assert str(cfg) + expected in err, err
    assert "Traceback" not in err


def test_extra_checklist_relative_to_config(tmp_path: Path) -> None:
    cfg = write(tmp_path / "c.yaml", "checklists:\n  - missing-pack.yaml\n")
    code, _, err = run("check", str(OVERSEAS), "--config", str(cfg))
    assert code == 2
    assert str(tmp_path / "missing-pack.yaml") + ":1:1: no such file" in err


def test_auto_discovery_and_no_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "aiprocure.yaml", "defaults:\n  fail_on: never\n  lang: en\n")
    decl = OVERSEAS.resolve()
    monkeypatch.chdir(tmp_path)
    code, _, _ = run("check", str(decl), "--no-fail-on-review")
    assert code == 0
    code, _, _ = run("check", str(decl), "--no-fail-on-review", "--no-config")
    assert code == 1
    _, out, _ = run("config", "show")
    assert "fail_on: never  [aiprocure.yaml:2]" in out
    assert os.getcwd() == str(tmp_path)


def test_config_show_provenance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)  # not a console: one line per setting
    cfg = EX / "caio" / "ministry-config.yaml"
    code, out, _ = run("config", "show", "--config", str(cfg), "--lang", "en")
    assert code == 0
    assert f"Config file: {cfg}" in out
    assert "lang: en  [command line]" in out
    assert f"fail_on: medium  [{cfg}:15]" in out
    assert f"waivers: {cfg.parent / 'waivers.yaml'}  [{cfg}:17]" in out
    assert f"parameter max_incident_notification_hours: 12 (shipped default: 24)  [{cfg}:10]" in out
    assert "parameter min_log_retention_days: 365  [shipped default]" in out
    assert f"severity DS920-SEC-005: medium  [{cfg}:8]" in out
    assert "disabled DS920-LOCK-007: Covered by the ministry-wide exit clause" in out
    _, out2, _ = run("config", "show", "--config", str(cfg), "--lang", "en", "--fail-on", "low")
    assert "fail_on: low  [command line]" in out2
    _, ja, _ = run("config", "show", "--config", str(cfg), "--lang", "ja")
    assert "有効な設定" in ja
    assert "既定値" in ja


def test_config_show_without_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("config", "show", "--lang", "en")
    assert code == 0
    assert "Config file: none" in out
    assert "fail_on: high  [shipped default]" in out


def test_config_show_has_no_width_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # it printed one "setting: value  [source]" line each, whatever the width: the option is gone
    monkeypatch.chdir(tmp_path)
    code, _, err = run("config", "show", "--lang", "en", "--width", "100")
    assert code == 2
    assert "--width" in err


def test_example_config_checks(tmp_path: Path) -> None:
    cfg = EX / "caio" / "ministry-config.yaml"
    code, out, err = run(
        "check", str(OVERSEAS), "--config", str(cfg), "--today", "2026-03-01", "--format", "json"
    )
    assert code == 1, err
    doc = report_json(out)
    assert finding(doc, "DS920-LOCK-001")["status"] == "waived"
