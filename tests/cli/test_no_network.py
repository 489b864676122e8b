"""No command opens a network connection: procurement files are checked offline.

In-process: every CLI command runs with socket connect / create_connection / getaddrinfo patched to
raise. In a subprocess: a guard installed before ``aiprocure.cli`` is imported (the same patch, done
by a ``python -c`` wrapper as sitecustomize would) runs ``check`` on every example in several formats.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from aiprocure.cli import app

pytestmark = pytest.mark.slow  # every command, and subprocess runs

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(
    p
    for p in (ROOT / "examples").glob("*.yaml")
    if "schema_version:" in p.read_text(encoding="utf-8")
)
VALID = ROOT / "examples" / "domestic-low-risk.yaml"


class NetworkAttempt(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(name: str) -> Any:
        def fake(*args: object, **kwargs: object) -> Any:
            attempts.append(f"{name}{args!r}")
            raise NetworkAttempt(f"network access attempted: {name}{args!r}")

        return fake

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


def _commands(tmp: Path) -> list[list[str]]:
    ex = [str(p) for p in EXAMPLES]
    return [
        ["--version"],
        ["--help"],
        ["validate", *ex],
        ["check", *ex],
        *(
            ["check", *ex, "--format", f, "--lang", lang]
            for f in ("json", "sarif", "junit", "markdown", "html", "github")
            for lang in ("en", "ja")
        ),
        [
            "check",
            *ex,
            "--output",
            str(tmp / "r.sarif"),
            "--output",
            str(tmp / "r.html"),
            "--timestamp",
        ],
        ["init"],
        ["init", str(tmp / "new.yaml"), "--lang", "en"],
        ["schema"],
        ["schema", "--report"],
        ["rules"],
        ["rules", "--format", "json"],
        ["rules", "--format", "markdown"],
        ["explain", "DS920-FA-001"],
        ["lint-checklist", *(str(p) for p in sorted((ROOT / "checklists").glob("*.yaml")))],
    ]


def test_no_command_touches_the_network(no_network: list[str], tmp_path: Path) -> None:
    runner = CliRunner()
    for args in _commands(tmp_path):
        result = runner.invoke(app, args, env={"LANG": "C", "SOURCE_DATE_EPOCH": ""})
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            args,
            result.exception,
        )
        assert result.exit_code in (0, 1, 2), (args, result.output, result.exception)
        assert "Traceback" not in result.stdout + result.stderr
    assert no_network == []


def test_the_guard_really_blocks(no_network: list[str]) -> None:
    with pytest.raises(NetworkAttempt):
        socket.create_connection(("example.com", 443))
    assert no_network


GUARD = """
import socket, sys
def _refuse(*a, **k):
    sys.stderr.write("NETWORK ATTEMPT %r\\n" % (a,))
    raise SystemExit(99)
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
from aiprocure.cli import main
sys.argv = ["aiprocure"] + sys.argv[1:]
main()
"""


@pytest.mark.parametrize("fmt", ["terminal", "json", "sarif", "html"])
def test_check_in_a_subprocess_with_a_socket_guard(fmt: str) -> None:
    if fmt not in {"terminal", "json"}:
        from aiprocure.render import Format

        if fmt not in {f.value for f in Format}:
            pytest.skip(f"format {fmt!r} not registered")
    proc = subprocess.run(
        [sys.executable, "-c", GUARD, "check", *map(str, EXAMPLES), "--format", fmt],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin", "LANG": "C", "HOME": str(ROOT)},
    )
    assert "NETWORK ATTEMPT" not in proc.stderr
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stdout
