"""The terminal's batch view (``check`` on several declarations, ``--details``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from aiprocure.cli import app
from aiprocure.render.terminal_batch import AUTO_LIMIT, Details, wants_details
from tests.conftest import REPO

EXAMPLES = sorted(str(p.relative_to(REPO)) for p in (REPO / "examples").glob("*.yaml"))
ONE = "examples/domestic-low-risk.yaml"
FAILING = "examples/overseas-foreign-access.yaml"
PASSING = "examples/domestic-low-risk.yaml"


def _check(*args: str, lang: str = "en") -> tuple[int, str]:
    result = CliRunner().invoke(
        app,
        ["check", *args, "--no-config", "--lang", lang, "--width", "100"],
        env={"NO_COLOR": "1"},
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def test_one_declaration_keeps_its_full_report() -> None:
    code, out = _check(ONE)
    assert code == 0
    assert out.startswith("─")  # the report's title rule, no table before it
    assert "Gate  " not in out


def test_a_batch_is_a_table_then_the_failing_reports() -> None:
    code, out = _check(FAILING, PASSING)
    assert code == 1
    table, _, rest = out.partition("\n\n")
    lines = table.splitlines()
    assert lines[0].split()[0] == "Gate"
    assert lines[0].endswith("File")
    assert lines[1].startswith("FAIL")
    assert lines[1].endswith(FAILING)
    assert lines[2].startswith("pass")
    assert lines[2].endswith(PASSING)
    assert lines[3] == "gate: FAIL (1 of 2 files)"
    assert f"Declaration              {FAILING}" in rest  # the failing file's full report
    assert PASSING not in rest  # the passing one has its line only


@pytest.mark.parametrize(("details", "reports"), [("all", 2), ("failing", 1), ("none", 0)])
def test_details_chooses_the_full_reports(details: str, reports: int) -> None:
    _, out = _check(FAILING, PASSING, "--details", details)
    assert out.count("Generative-AI procurement risk report") == reports
    assert out.startswith("Gate")


def test_counts_follow_the_findings() -> None:
    _, out = _check(FAILING, PASSING, "--details", "none")
    _, compact = _check(FAILING, "--compact")
    row = out.splitlines()[1].split()
    fail, unanswered, unverified, waived = (int(n) for n in row[-5:-1])
    assert (fail, waived) != (0, 0) or unanswered or unverified
    # one compact line per open finding (and per raised viewpoint), then the gate line
    opened = [line for line in compact.splitlines() if "[" in line and "DS920-" in line]
    assert len(opened) == fail + unanswered + unverified


def test_auto_details_stop_at_the_limit_and_say_so() -> None:
    assert wants_details(Details.AUTO, True, AUTO_LIMIT - 1)
    assert not wants_details(Details.AUTO, True, AUTO_LIMIT)
    assert not wants_details(Details.AUTO, False, 0)
    assert wants_details(Details.FAILING, True, AUTO_LIMIT * 5)
    assert wants_details(Details.ALL, False, 0)
    assert not wants_details(Details.NONE, True, 0)


def test_a_large_batch_hides_failing_reports_past_the_limit(tmp_path: Path) -> None:
    failing = (REPO / FAILING).read_text(encoding="utf-8")
    for i in range(AUTO_LIMIT + 2):
        (tmp_path / f"d{i:02d}.yaml").write_text(failing, encoding="utf-8")
    _, out = _check(str(tmp_path))
    assert out.count("Generative-AI procurement risk report") == AUTO_LIMIT
    assert "2 more declarations fail the gate" in out
    _, ja = _check(str(tmp_path), "--details", "none", lang="ja")
    assert "ゲート: 不合格（12 件中 12 件）" in ja
