"""Start-up: what the console-script entry point does, and what it must leave alone.

Each case runs in a fresh interpreter, because what is measured is what an import or a run leaves
behind (modules loaded, the garbage collector's state, the environment).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a fresh interpreter per case

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "domestic-low-risk.yaml"

_RUN_ENTRY = """
import gc, json, os, sys
from aiprocure._entry import run
sys.argv = ["aiprocure", *sys.argv[1:]]
code = run()
sys.stdout.flush()
sys.stderr.write(json.dumps({
    "code": code,
    "gc_enabled": gc.isenabled(),
    "frozen": gc.get_freeze_count(),
    "plugins_env": os.environ.get("PYDANTIC_DISABLE_PLUGINS"),
    "modules": sorted(m for m in sys.modules if m.startswith(("aiprocure", "pydantic", "typer"))),
}) + "\\n")
"""


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env.update(extra)
    return env


def _entry(*args: str, cwd: Path, **env: str) -> tuple[str, dict[str, object]]:
    proc = subprocess.run(
        [sys.executable, "-c", _RUN_ENTRY, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=_env(**env),
        check=True,
    )
    state: dict[str, object] = json.loads(proc.stderr.splitlines()[-1])
    return proc.stdout, state


def test_version_imports_no_cli_stack(tmp_path: Path) -> None:
    out, state = _entry("--version", cwd=tmp_path)
    assert out.startswith("aiprocure ")
    assert state["code"] == 0
    assert state["modules"] == ["aiprocure", "aiprocure._entry"]
    assert state["frozen"] == 0
    assert state["plugins_env"] is None


def test_check_through_the_entry_point(tmp_path: Path) -> None:
    out, state = _entry("check", str(EXAMPLE), "--format", "json", cwd=tmp_path)
    assert state["code"] in (0, 1)
    assert json.loads(out)
    # the collector runs again after start-up, and what start-up built was frozen
    assert state["gc_enabled"] is True
    assert isinstance(state["frozen"], int)
    assert state["frozen"] > 0
    assert state["plugins_env"] == "__all__"
    # no config and no waiver file: their models are never built
    modules = state["modules"]
    assert isinstance(modules, list)
    assert "aiprocure.model.config" not in modules
    assert "aiprocure.model.waivers" not in modules


def test_an_explicit_plugin_setting_is_kept(tmp_path: Path) -> None:
    _, state = _entry(
        "check", str(EXAMPLE), "--format", "json", cwd=tmp_path, PYDANTIC_DISABLE_PLUGINS=""
    )
    assert state["plugins_env"] == ""


def test_importing_the_library_changes_no_process_state() -> None:
    probe = (
        "import gc, os; import aiprocure.api, aiprocure.cli;"
        "print(gc.isenabled(), gc.get_freeze_count(), os.environ.get('PYDANTIC_DISABLE_PLUGINS'))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(),
        check=True,
    )
    assert proc.stdout.split() == ["True", "0", "None"]


def _console(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """The installed console script's path: ``main`` leaves with os._exit."""
    script = "import sys; from aiprocure._entry import main; sys.argv[0] = 'aiprocure'; main()"
    return subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, cwd=cwd, env=_env(), check=False
    )


def test_the_entry_point_flushes_everything_and_keeps_the_exit_status(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    for i in range(40):  # more output than any pipe buffer holds
        (batch / f"d{i:02d}.yaml").write_bytes(EXAMPLE.read_bytes())
    proc = _console("check", str(batch), "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert len(doc["reports"]) == 40
    overseas = ROOT / "examples" / "overseas-foreign-access.yaml"
    assert _console("check", str(overseas), "--format", "json", cwd=tmp_path).returncode == 1
    missing = _console("check", str(tmp_path / "nope.yaml"), cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.decode().startswith(f"{tmp_path / 'nope.yaml'}:1:1: no such file")
    assert _console("--version", cwd=tmp_path).stdout.startswith(b"aiprocure ")


def test_exit_status_of_a_message() -> None:
    from aiprocure._entry import _exit_status

    assert _exit_status(None) == 0
    assert _exit_status(3) == 3
    assert _exit_status("boom") == 1
