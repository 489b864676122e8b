"""Issue 13, round two: lint-checklist type-checks rule values and reports changes to shipped
definitions (a pack that quietly disables FA-001/002/003 fails lint unless --allow-override)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from aiprocure.cli import app
from tests.conftest import REPO

PACK = REPO / "examples" / "packs" / "ministry-extra.yaml"
CHECK = "check: {equals: {field: security.key_management, value: customer_managed}}"


def lint(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["lint-checklist", *args])
    return result.exit_code, result.stdout, result.stderr


def _pack(tmp_path: Path, check: str = CHECK, extra: str = "") -> Path:
    text = PACK.read_text(encoding="utf-8").replace(CHECK, check, 1) + extra
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_boolean_field_compared_with_text_is_an_error(tmp_path: Path) -> None:
    path = _pack(tmp_path, 'check: {equals: {field: security.encryption_at_rest, value: "true"}}')
    code, out, err = lint(str(path), "--lang", "en")
    assert (code, out) == (2, "")
    assert err.endswith(
        ": 'true' can never equal security.encryption_at_rest, which is a boolean field "
        "(write true or false, unquoted)\n"
    )
    code, _, err = lint(str(path), "--lang", "ja")
    assert "真偽値のフィールド" in err
    ok = _pack(tmp_path, "check: {equals: {field: security.encryption_at_rest, value: true}}")
    assert lint(str(ok))[0] == 0


def test_emptying_the_compelled_access_list_fails_lint(tmp_path: Path) -> None:
    path = _pack(tmp_path, extra="\nlists:\n  compelled_access_countries: []\n")
    code, out, err = lint(str(path), "--lang", "en")
    assert (code, out) == (2, "")
    line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if "compelled" in t)
    assert err.startswith(f"{path}:{line}:3: warning: lists.compelled_access_countries changes ")
    assert err.endswith(
        "to []; every rule that uses it changes meaning (--allow-override if intended)\n"
    )
    code, out, err = lint(str(path), "--allow-override")
    assert (code, err) == (0, "")
    assert out == f"{path}: ok (2 rules)\n"


def test_changing_a_shipped_parameter_default_is_reported(tmp_path: Path) -> None:
    extra = (
        "  max_incident_notification_hours:\n    default: 720\n    unit: hours\n"
        "    description: {ja: 緩い, en: lax}\n"
    )
    text = PACK.read_text(encoding="utf-8").replace("parameters:\n", "parameters:\n" + extra, 1)
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    code, _, err = lint(str(path), "--lang", "en")
    assert code == 2
    assert "warning: parameters.max_incident_notification_hours changes the shipped default" in err
