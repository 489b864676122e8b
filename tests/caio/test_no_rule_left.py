"""Issue 13, round two: a run with no rule left is an error; reports record the configuration."""

from __future__ import annotations

import json
from pathlib import Path

from aiprocure import api
from tests.caio.helpers import DOMESTIC, run, write


def test_no_default_checklists_without_a_pack_is_an_error() -> None:
    code, out, err = run("check", str(DOMESTIC), "--no-default-checklists", "--no-config")
    assert (code, out) == (2, "")
    assert err == (
        "--no-default-checklists:1:1: no rule is left to check: give a checklist "
        "(--checklist PACK.yaml) or drop --no-default-checklists\n"
    )


def test_a_config_that_disables_every_rule_is_an_error(tmp_path: Path) -> None:
    ids = sorted(r.id for r in api.load_checklists([]).rules)
    cfg = write(
        tmp_path / "aiprocure.yaml",
        "disabled:\n" + "".join(f"  {rid}: not assessed here\n" for rid in ids),
    )
    for lang, text in (
        ("en", "disabled: the configuration disables every rule; no rule is left to check"),
        ("ja", "disabled: 設定がすべての項目を無効にしています。確認する項目が残っていません"),
    ):
        code, out, err = run("check", str(DOMESTIC), "--config", str(cfg), "--lang", lang)
        assert (code, out, err) == (2, "", f"{cfg}:1:1: {text}\n")


def test_reports_record_the_configuration_and_its_digest(tmp_path: Path) -> None:
    import hashlib

    cfg = write(tmp_path / "aiprocure.yaml", "disabled:\n  DS920-LOCK-007: covered elsewhere\n")
    code, out, err = run("check", str(DOMESTIC), "--config", str(cfg), "--format", "json")
    assert code == 0, err
    inputs = json.loads(out)["inputs"]
    assert {
        "kind": "config",
        "path": str(cfg),
        "sha256": hashlib.sha256(cfg.read_bytes()).hexdigest(),
    } in inputs


def test_reports_record_every_disabled_rule_with_its_reason(tmp_path: Path) -> None:
    cfg = write(tmp_path / "aiprocure.yaml", "disabled:\n  DS920-LOCK-007: covered elsewhere\n")
    base = ("check", str(DOMESTIC), "--config", str(cfg))
    _, out, _ = run(*base, "--format", "json")
    assert json.loads(out)["disabled_rules"] == [
        {"rule_id": "DS920-LOCK-007", "reason": "covered elsewhere", "source": f"{cfg}:2"}
    ]
    line = f"DS920-LOCK-007 — covered elsewhere ({cfg}:2)"
    for fmt, lang, label in (
        ("terminal", "en", "Rules disabled by the configuration: "),
        ("terminal", "ja", "設定で無効にした項目: "),
        ("html", "en", "<p>Rules disabled by the configuration: "),
    ):
        _, out, _ = run(*base, "--format", fmt, "--lang", lang, "--width", "400")
        assert label + line in out, fmt
    _, out, _ = run(*base, "--format", "markdown", "--lang", "en")
    assert "<br>Rules disabled by the configuration: DS920-LOCK-007 — covered elsewhere" in out
    assert (
        "disabled_rules" not in run("check", str(DOMESTIC), "--no-config", "--format", "json")[1]
    )  # omitted when none
