"""Retired rule ids (checklists/retired.yaml): named in a config or an inventory, they are accepted
with a warning that names the replacement; the checklist loader does not read the file as a pack."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from aiprocure import api
from tests.caio.helpers import OVERSEAS, report_json, run, write

JSON = ("--format", "json", "--fail-on", "never", "--no-fail-on-review")


def test_a_config_naming_a_retired_rule_warns_and_runs(tmp_path: Path) -> None:
    cfg = write(
        tmp_path / "c.yaml",
        "severity:\n  DS920-FA-002: critical\ndisabled:\n  DS920-FA-003: replaced by our pack\n",
    )
    code, out, err = run("check", str(OVERSEAS), "--config", str(cfg), *JSON, "--lang", "en")
    assert code == 0, err
    assert "c.yaml:2:3: severity: rule DS920-FA-002 was retired in 0.2.0; see DS920-FA-011" in err
    assert "c.yaml:4:3: disabled: rule DS920-FA-003 was retired" in err
    assert "DS920-MOD-001" in err  # FA-003's replacements include the model-origin rule
    assert report_json(out)["findings"]
    _, _, err_ja = run("check", str(OVERSEAS), "--config", str(cfg), *JSON, "--lang", "ja")
    assert "廃止されました" in err_ja


def test_retired_yaml_is_not_a_pack() -> None:
    assert all(p.name != "retired.yaml" for p in api.shipped_checklist_paths())
    ruleset = api.load_checklists()
    assert {"DS920-FA-001", "DS920-FA-002", "DS920-FA-003"} <= set(ruleset.retired)
    assert not {r.id for r in ruleset.rules} & set(ruleset.retired)


def test_an_inventory_row_naming_a_retired_rule_warns(tmp_path: Path) -> None:
    db = tmp_path / "inv.sqlite3"
    code, _, err = run("inventory", "add", str(OVERSEAS), "--db", str(db), "--lang", "en")
    assert code == 0, err
    with sqlite3.connect(db) as conn:  # a row recorded before FA-001 was retired
        (flags,) = conn.execute("SELECT review_flags FROM assessments").fetchone()
        conn.execute("UPDATE assessments SET review_flags = ?", ('["DS920-FA-001"]',))
    code, _, err = run("inventory", "list", "--db", str(db), "--lang", "en")
    assert code == 0
    assert "rule DS920-FA-001 was retired" in err
    assert "DS920-FA-011, DS920-FA-012" in err
    assert flags is not None
