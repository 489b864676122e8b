"""Issue 13, round two: hidden characters warned about and shown escaped in every format; dates
of past events not after the run's date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aiprocure import api
from aiprocure.cli import app
from aiprocure.errors import InputError
from aiprocure.render import Format
from tests.conftest import REPO

GOOD = REPO / "examples" / "domestic-low-risk.yaml"
TAG = "\U000e0041"  # TAG LATIN CAPITAL LETTER A: can carry a hidden message


def _hidden(tmp_path: Path) -> Path:
    text = GOOD.read_text(encoding="utf-8").replace("  name: ", f"  name: {TAG}", 1)
    path = tmp_path / "hidden.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"LANG": "C", "SOURCE_DATE_EPOCH": ""})
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def test_check_and_validate_warn_with_the_position(tmp_path: Path) -> None:
    path = _hidden(tmp_path)
    en = (
        f"{path}:6:3: warning: vendor.name: hidden or invisible characters U+E0041; "
        "reports show them as <U+XXXX>\n"
    )
    ja = (
        f"{path}:6:3: 警告: vendor.name: 見えない文字または表示順を変える文字 U+E0041 があります。"
        "レポートでは <U+XXXX> の形で表示します\n"
    )
    assert run("check", str(path), "--no-config", "--lang", "en")[::2] == (0, en)
    assert run("check", str(path), "--no-config", "--lang", "ja")[::2] == (0, ja)
    assert run("validate", str(path), "--lang", "en") == (0, f"{path}: ok\n", en)
    assert run("validate", str(path), "--lang", "ja")[2] == ja
    assert run("check", str(GOOD), "--no-config")[2] == ""  # no warning without them


@pytest.mark.parametrize("fmt", [f.value for f in Format])
def test_every_check_format_shows_a_tag_character_escaped(tmp_path: Path, fmt: str) -> None:
    code, out, _ = run("check", str(_hidden(tmp_path)), "--no-config", "--format", fmt)
    assert code == 0
    assert TAG not in out
    escaped = "\\udb40\\udc41" if fmt == "json" else "U+E0041"
    assert escaped in out


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "csv"])
def test_compare_shows_a_tag_character_escaped(tmp_path: Path, fmt: str) -> None:
    code, out, _ = run("compare", str(_hidden(tmp_path)), str(GOOD), "--no-config", "--format", fmt)
    assert code == 0
    assert TAG not in out
    assert "U+E0041" in out.replace("\\", "")  # Markdown escapes the + and >


def test_diff_and_inventory_json_escape_a_tag_character(tmp_path: Path) -> None:
    path = _hidden(tmp_path)
    code, out, _ = run("diff", str(GOOD), str(path), "--no-config", "--format", "json")
    assert TAG not in out
    db = str(tmp_path / "inv.sqlite")
    assert run("inventory", "add", str(path), "--db", db, "--no-config")[0] == 0
    code, out, _ = run("inventory", "list", "--db", db, "--format", "json")
    assert code == 0
    assert TAG not in out
    assert "\\udb40\\udc41" in out


def test_declared_dates_after_the_run_date_are_refused(tmp_path: Path) -> None:
    text = GOOD.read_text(encoding="utf-8").replace(
        "declared_on: 2026-10-01", "declared_on: 2098-01-01"
    )
    path = tmp_path / "future.yaml"
    path.write_text(text, encoding="utf-8")
    session = api.open_session(api.SessionOptions(no_config=True, today=date(2098, 6, 1)))
    assert session.assess_file(path).subject.declaration == str(path)
    code, _, err = run("check", str(path), "--no-config", "--lang", "en")
    assert code == 2
    assert err.startswith(f"{path}:4:1: declared_on: ")
    assert "is in the future" in err
    with pytest.raises(InputError):
        api.load_declaration(path, today=date(2026, 11, 30))
    # --today judges waivers as of a past day; it does not make the declaration future
    assert run("check", str(GOOD), "--no-config", "--today", "2026-01-01")[0] == 0
    code, _, err = run("validate", str(path), "--lang", "en")
    assert code == 2
    assert "is in the future" in err
