"""What ``aiprocure check FILE`` imports: the check's own modules, not every command's, and not
the checklist cross-checks when the shipped packs come precompiled (``api.shipped``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "domestic-low-risk.yaml"
NOT_FOR_A_CHECK = (
    "aiprocure.api.settings",
    "aiprocure.caio.compare",
    "aiprocure.caio.diff",
    "aiprocure.caio.inventory",
    "aiprocure.cli.caio",
    "aiprocure.cli.inventory",
    "aiprocure.cli.migrate",
    "aiprocure.cli.rules",
    "aiprocure.sources.crossref",
    "aiprocure.sources.migrate",
    "sqlite3",
)


def _modules_after(*args: str) -> set[str]:
    code = (
        "import json, sys; from aiprocure._entry import run; "
        f"sys.argv = ['aiprocure', *{list(args)!r}]; status = run(); sys.stdout.flush(); "
        "sys.stderr.write(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True, stdin=subprocess.DEVNULL
    )
    return set(json.loads(done.stderr.decode().splitlines()[-1]))


@pytest.mark.slow  # subprocesses
@pytest.mark.parametrize("fmt", ["terminal", "json"])
def test_a_check_imports_only_what_it_uses(fmt: str) -> None:
    modules = _modules_after("check", str(EXAMPLE), "--no-config", "-f", fmt)
    assert "aiprocure.cli.check" in modules
    assert not modules & set(NOT_FOR_A_CHECK)


@pytest.mark.slow  # subprocesses
def test_the_whole_application_registers_every_command() -> None:
    """A line that names no command (here a usage error) goes to the whole application, which
    imports every command's module to list them."""
    modules = _modules_after("no-such-command")
    assert {"aiprocure.cli.check", "aiprocure.cli.caio", "aiprocure.cli.inventory"} <= modules
