"""``aiprocure --help`` from the stored text (``cli/root_help.py``): byte for byte typer's own
output in every situation the fast path serves, typer's own in every other."""

from __future__ import annotations

import subprocess
import sys

import pytest

from aiprocure import _entry
from aiprocure.cli import root_help


def _through_entry(env: dict[str, str]) -> tuple[bytes, bool]:
    """The console script's output for ``--help`` and whether it imported typer."""
    code = (
        "import sys; sys.argv = ['aiprocure', '--help']; from aiprocure._entry import run; "
        "status = run(); sys.stdout.flush(); "
        "sys.stderr.write(f'{status} {\"typer\" in sys.modules}')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=True,
    )
    status, typer = done.stderr.decode().split()
    assert status == "0"
    return done.stdout, typer == "True"


SERVED = [
    {},  # no COLUMNS and no terminal: 80
    {"COLUMNS": "80"},
    {"COLUMNS": "100", "NO_COLOR": "1"},  # the benchmark's environment
    {"COLUMNS": "120", "LANG": "en_US.UTF-8"},
    {"COLUMNS": "100", "LANG": "ja_JP.UTF-8", "NO_COLOR": ""},
    {"LC_ALL": "C", "LINES": "10"},
]
NOT_SERVED = [
    {"COLUMNS": "77"},
    {"COLUMNS": "0"},
    {"COLUMNS": "100", "FORCE_COLOR": "1"},
    {"COLUMNS": "100", "TTY_COMPATIBLE": "1"},
    {"COLUMNS": "100", "TERMINAL_WIDTH": "90"},
    {"COLUMNS": "100", "GITHUB_ACTIONS": "true"},
    {"COLUMNS": "100", "PYTHONIOENCODING": "latin-1"},
]


@pytest.mark.slow  # subprocesses
@pytest.mark.parametrize("extra", SERVED)
def test_the_stored_help_is_what_typer_prints(extra: dict[str, str]) -> None:
    env = {**root_help.clean_environment(80), **extra}
    if "COLUMNS" not in extra:
        del env["COLUMNS"]
    fast, imported_typer = _through_entry(env)
    assert not imported_typer  # served from the stored text
    assert fast == root_help.typer_help(env)


@pytest.mark.slow  # subprocesses
@pytest.mark.parametrize("extra", NOT_SERVED)
def test_other_situations_get_typers_own_help(extra: dict[str, str]) -> None:
    env = {**root_help.clean_environment(80), **extra}
    output, imported_typer = _through_entry(env)
    assert imported_typer
    assert output == root_help.typer_help(env)


@pytest.mark.slow  # subprocesses
def test_the_stored_help_is_current() -> None:
    """Fails after a command or its help changed: ``python -m aiprocure.cli.root_help``."""
    stored = root_help.STORED.read_text(encoding="utf-8")
    assert stored == root_help.stored_text(), "stale: python -m aiprocure.cli.root_help"


def test_the_entry_point_and_the_generator_agree_on_the_environment() -> None:
    assert _entry._RICH_ENVIRONMENT == root_help.RICH_ENVIRONMENT


class _Out:
    """A standard output: its encoding, and whether it is a terminal."""

    def __init__(self, encoding: str = "utf-8", tty: bool = False) -> None:
        self.encoding, self._tty = encoding, tty

    def isatty(self) -> bool:
        return self._tty

    def write(self, text: str) -> int:
        return len(text)


def _stored(width: int) -> str:
    texts = root_help.STORED.read_text(encoding="utf-8").split(root_help.SEPARATOR)
    head = f"{width}\n"
    return next(t[len(head) :] for t in texts if t.startswith(head))


@pytest.fixture
def situation(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in (*root_help.RICH_ENVIRONMENT, "LANGUAGE", "LC_ALL", "LC_MESSAGES", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C")
    monkeypatch.setattr(sys, "stdout", _Out())
    return monkeypatch


@pytest.mark.parametrize("width", root_help.WIDTHS)
def test_each_stored_width_is_served(situation: pytest.MonkeyPatch, width: int) -> None:
    situation.setenv("COLUMNS", str(width))
    assert _entry.stored_help() == _stored(width)


@pytest.mark.parametrize(
    ("name", "value"),
    [*((name, "1") for name in root_help.RICH_ENVIRONMENT), ("COLUMNS", "81"), ("COLUMNS", "²")],
)
def test_what_changes_typers_help_is_not_served(
    situation: pytest.MonkeyPatch, name: str, value: str
) -> None:
    situation.setenv("COLUMNS", "100")
    assert _entry.stored_help() is not None
    situation.setenv(name, value)
    assert _entry.stored_help() is None


@pytest.mark.parametrize("out", [_Out(tty=True), _Out(encoding="cp932"), _Out(encoding="ascii")])
def test_a_terminal_or_another_encoding_is_not_served(
    situation: pytest.MonkeyPatch, out: _Out
) -> None:
    situation.setenv("COLUMNS", "100")
    situation.setattr(sys, "stdout", out)
    assert _entry.stored_help() is None
