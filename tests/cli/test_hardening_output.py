"""Issue 13, round two: how a run ends when something other than the input goes wrong.

An internal error exits 3 (never 1, the findings code) with one line; standard output that cannot
take every character, that is full, or whose reader has gone never gives a traceback.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aiprocure import _entry
from aiprocure.cli import app
from aiprocure.cli import check as check_cmd

ROOT = Path(__file__).resolve().parents[2]
EX = ROOT / "examples"
GOOD = EX / "domestic-low-risk.yaml"
EXE = Path(sys.executable).with_name("aiprocure")
CMD = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "aiprocure"]
ENV = {**os.environ, "LANG": "C", "SOURCE_DATE_EPOCH": "", "PYTHONIOENCODING": ""}


def entry(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str]:
    """``_entry.run`` in this process (as the console script runs it): status and stderr."""
    monkeypatch.setattr(sys, "argv", ["aiprocure", *args])
    monkeypatch.setattr(gc, "freeze", lambda: None)
    code = _entry.run()
    return code, capsys.readouterr().err


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom\nsecond line \x1b[2J")


def test_internal_error_exits_3_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(check_cmd, "open_session", _boom)
    code, err = entry(monkeypatch, capsys, "check", str(GOOD))
    assert code == 3
    assert err == (
        "aiprocure: internal error: RuntimeError: boom second line \\x1b[2J "
        "(run with --debug for the traceback)\n"
    )


def test_debug_prints_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(check_cmd, "open_session", _boom)
    code, err = entry(monkeypatch, capsys, "--debug", "check", str(GOOD))
    assert code == 3
    assert err.startswith("Traceback (most recent call last):\n")
    assert "RuntimeError: boom" in err
    assert err.endswith("(run with --debug for the traceback)\n")


def test_expected_errors_never_reach_the_internal_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [\n", encoding="utf-8")
    for args in (
        ["check", str(bad)],
        ["check", str(tmp_path / "missing.yaml")],
        ["check", "--today", "tomorrow", str(GOOD)],
        ["compare", str(GOOD), str(bad)],
        ["diff", str(GOOD), str(bad)],
        ["validate", str(bad)],
        ["lint-checklist", str(bad)],
    ):
        code, err = entry(monkeypatch, capsys, *args)
        assert code == 2, args
        assert "internal error" not in err


def test_source_date_epoch_out_of_range_is_a_usage_error() -> None:
    result = CliRunner().invoke(
        app,
        ["check", "--timestamp", str(GOOD)],
        env={"LANG": "C", "SOURCE_DATE_EPOCH": "999999999999999999"},
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "aiprocure: error: SOURCE_DATE_EPOCH must be an integer number of seconds "
        "(years 1 to 9999), not '999999999999999999'\n"
    )


@pytest.mark.slow  # subprocesses
@pytest.mark.parametrize(
    "args",
    [
        ["check", str(GOOD), str(EX / "overseas-foreign-access.yaml")],
        ["compare", str(GOOD), str(EX / "incomplete.yaml")],
        ["diff", str(EX / "incomplete.yaml"), str(GOOD)],
    ],
)
def test_stdout_that_is_not_utf8_gets_escapes_not_a_traceback(args: list[str]) -> None:
    proc = subprocess.run(
        [*CMD, *args, "--lang", "ja"],
        capture_output=True,
        env={**ENV, "PYTHONIOENCODING": "cp932"},
        timeout=60,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stderr == b""
    text = proc.stdout.decode("cp932")  # all of it is cp932
    assert "\\u2" in text  # what cp932 lacks (box drawing, dashes) as a backslash escape


@pytest.mark.slow
def test_inventory_list_to_cp932(tmp_path: Path) -> None:
    db = str(tmp_path / "inv.sqlite")
    subprocess.run([*CMD, "inventory", "add", "--db", db, str(GOOD)], env=ENV, check=True)
    proc = subprocess.run(
        [*CMD, "inventory", "list", "--db", db, "--lang", "ja"],
        capture_output=True,
        env={**ENV, "PYTHONIOENCODING": "cp932"},
        timeout=60,
        check=False,
    )
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert "さくら" in proc.stdout.decode("cp932")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["json", "terminal"])
def test_full_disk_is_a_clean_error(fmt: str) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [*CMD, "check", "--format", fmt, str(GOOD)],
            stdout=full,
            stderr=subprocess.PIPE,
            env=ENV,
            timeout=60,
            check=False,
        )
    assert proc.returncode == 2
    assert proc.stderr == b"aiprocure: error: cannot write the output: No space left on device\n"


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["json", "terminal"])
def test_reader_gone_exits_141_without_traceback(tmp_path: Path, fmt: str) -> None:
    for i in range(60):  # a report larger than a pipe's buffer
        shutil.copy(GOOD, tmp_path / f"d{i:02}.yaml")
    details = ["--details", "all"] if fmt == "terminal" else []  # every report, not a summary
    with subprocess.Popen(
        [*CMD, "check", "--format", fmt, str(tmp_path), *details],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    ) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        proc.stdout.read(10)  # `| head -c 10`
        proc.stdout.close()
        err = proc.stderr.read()
        assert proc.wait(timeout=60) == 141
    assert err == b""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
def test_file_names_that_are_not_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name = os.fsdecode(b"bad\xff.yaml")
    (tmp_path / name).write_bytes(GOOD.read_bytes())
    shutil.copy(GOOD, tmp_path / "good.yaml")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    env = {"LANG": "C", "SOURCE_DATE_EPOCH": ""}

    def run(*args: str) -> tuple[int, str]:
        result = runner.invoke(app, list(args), env=env)
        assert result.exception is None or isinstance(result.exception, SystemExit)
        return result.exit_code, result.stdout

    assert run("inventory", "add", "--db", "inv.sqlite", name) == (
        0,
        "Recorded 1 assessment in inv.sqlite\n",
    )
    code, out = run("inventory", "list", "--db", "inv.sqlite", "--format", "csv")
    assert code == 0
    assert "bad\\xff.yaml" in out
    code, out = run("compare", "good.yaml", name, "-f", "csv")
    assert code == 0
    assert "bad\\udcff.yaml" in out
    code, out = run("compare", "good.yaml", name, "-o", os.fsdecode(b"out\xff.csv"), "-f", "csv")
    assert (code, out) == (0, "")
    assert "bad\\udcff.yaml" in (
        tmp_path / name.replace("bad", "out").replace("yaml", "csv")
    ).read_text(encoding="utf-8")
    code, out = run("diff", "good.yaml", name, "-f", "json")
    assert code == 0
    assert '"new_file": "bad\\udcff.yaml"' in out
