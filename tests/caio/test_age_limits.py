"""``age_limits`` in the ministry configuration: notices for an old declaration or old evidence,
judged on the assessment date (``--today``), shown by ``config show``, never a verdict."""

from __future__ import annotations

from pathlib import Path

from tests.caio.helpers import DOMESTIC, report_json, run, write

JSON = ("--format", "json", "--fail-on", "never", "--no-fail-on-review")


def test_an_old_declaration_is_a_notice_on_the_assessment_date(tmp_path: Path) -> None:
    # domestic-low-risk.yaml is declared on 2026-10-01
    fresh = report_json(
        run("check", str(DOMESTIC), "--no-config", "--today", "2027-01-01", *JSON)[1]
    )
    # the migrated example's evidence is undated (noted), but the declaration is not old
    assert all(n["kind"] == "evidence_undated" for n in fresh.get("notices", []))
    cfg = write(tmp_path / "c.yaml", "age_limits:\n  declaration_max_age_days: 30\n")
    old = report_json(
        run("check", str(DOMESTIC), "--config", str(cfg), "--today", "2027-01-01", *JSON)[1]
    )
    [notice] = [n for n in old["notices"] if n["kind"] != "evidence_undated"]
    assert notice["kind"] == "declaration_old"
    assert (notice["age_days"], notice["limit_days"], notice["line"]) == (92, 30, 4)
    # a notice changes no verdict
    assert [f["status"] for f in old["findings"]] == [f["status"] for f in fresh["findings"]]
    assert old["risk"] == fresh["risk"]


def test_the_notice_is_shown_in_both_languages(tmp_path: Path) -> None:
    cfg = write(tmp_path / "c.yaml", "age_limits:\n  declaration_max_age_days: 30\n")
    args = ("check", str(DOMESTIC), "--config", str(cfg), "--today", "2027-01-01")
    _, en, _ = run(*args, "--lang", "en")
    assert "The declaration is 92 days old (declared on 2026-10-01; limit 30 days)" in en
    _, ja, _ = run(*args, "--lang", "ja")
    assert "申告日 2026-10-01 から 92 日経過しています（上限 30 日）" in ja


def test_config_show_names_the_limits_and_where_they_come_from(tmp_path: Path) -> None:
    cfg = write(tmp_path / "c.yaml", "age_limits:\n  evidence_max_age_days: 400\n")
    code, out, _ = run("config", "show", "--config", str(cfg), "--lang", "en")
    assert code == 0
    assert "declaration_max_age_days: 365  [shipped default]" in out
    assert f"evidence_max_age_days: 400  [{cfg}:2]" in out


def test_a_bad_limit_is_a_positioned_error(tmp_path: Path) -> None:
    cfg = write(tmp_path / "c.yaml", "age_limits:\n  evidence_max_age_days: 0\n")
    code, _, err = run("check", str(DOMESTIC), "--config", str(cfg), "--lang", "en")
    assert code == 2
    assert f"{cfg}:2:" in err
    assert "Traceback" not in err
