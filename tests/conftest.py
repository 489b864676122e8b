"""Shared test fixtures. Append new fixtures below; keep each one small."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import pytest
import typer
import typer.main
import typer.testing

from aiprocure.model.findings import Report

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"


@pytest.fixture(autouse=True, scope="session")
def _click_command_built_once() -> Iterator[None]:
    """Build each typer app's click command once per test session.

    ``CliRunner.invoke`` rebuilds the command from the functions' signatures on every call (about
    50 ms, nine tenths of an in-process CLI test). The apps do not change while the tests run, and
    a click command is reusable (each invocation gets its own context), so the CLI tests reuse it.
    """
    built: dict[int, tuple[typer.Typer, object]] = {}  # the app is kept alive with its id

    def command(app: typer.Typer) -> object:
        if id(app) not in built:
            built[id(app)] = (app, typer.main.get_command(app))
        return built[id(app)][1]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(typer.testing, "_get_command", command)
        yield


STRICT_CI = os.environ.get("CI") == "true"
NO_SKIP = "CI=true: a test that cannot run fails instead of being skipped"


def _no_skip(report: pytest.TestReport | pytest.CollectReport) -> None:
    """Under ``CI=true`` a skip is a failure: CI must prove what it claims (a missing schema,
    browser or dependency is the CI's fault, never a pass)."""
    if STRICT_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"{NO_SKIP}: {report.longrepr}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    _no_skip(report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    report = yield
    _no_skip(report)
    return report


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite the expected outputs under tests/golden/ instead of comparing with them",
    )


Golden = Callable[[str, str], None]


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """``golden(name, text)``: compare ``text`` with tests/golden/<name> (or rewrite it)."""
    update = bool(request.config.getoption("--update-goldens"))

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8", newline="") as fh:
                fh.write(actual)
            return
        assert path.exists(), f"{path} is missing: run pytest --update-goldens and read the diff"
        with path.open(encoding="utf-8", newline="") as fh:
            expected = fh.read()
        assert actual == expected, f"{name} differs: run pytest --update-goldens and read the diff"

    return check


# --- reports for the renderer tests -----------------------------------------------------------

HOSTILE = "tests/fixtures/hostile.yaml"
PASSING = "examples/domestic-low-risk.yaml"
# Text that tries to break out of every output format (checklist text from a custom rule pack is
# as untrusted as vendor text, so the synthetic finding below carries it too).
EVIL = (
    '<script>document.title="pwned"</script> [bold]x[/] | `tick` ]]> %0A ::error::x, y: z'
    ' @octocat $x$ & "q" \x1b[31mred\x1b[0m\nnext line\r\nthird'
)


@pytest.fixture(scope="session")
def render_reports() -> list[Report]:
    """The hostile fixture, the passing example, and the hostile one with a waiver and an n/a rule.

    Paths are relative to the repository (as a user in a CI checkout would give them), so the
    reports and the goldens do not depend on where the repository lives.
    """
    from aiprocure import api

    ruleset = api.load_checklists()
    with contextlib.chdir(REPO):
        hostile = api.assess_file(Path(HOSTILE), ruleset)
        passing = api.assess_file(Path(PASSING), ruleset)
    return [hostile, passing, with_waiver(hostile)]


def with_waiver(report: Report) -> Report:
    """``report`` with its first failing finding waived and a not-applicable rule added."""
    from aiprocure.model.common import Text
    from aiprocure.model.findings import Status, Waiver

    findings = list(report.findings)
    i = next(i for i, f in enumerate(findings) if f.status is Status.FAIL)
    waiver = Waiver(
        id="W-001", justification=EVIL, approver="CAIO <caio@example.go.jp>",
        approved_on="2026-10-01", expires_on="2027-03-31",
    )  # fmt: skip
    findings[i] = findings[i].model_copy(update={"status": Status.WAIVED, "waiver": waiver})
    evil = Text(ja=EVIL, en=EVIL)
    findings.append(
        findings[i].model_copy(
            update={
                "rule_id": "CUSTOM-NA-001",
                "status": Status.NOT_APPLICABLE,
                "waiver": None,
                "title": evil,
                "message": evil,
                "remediation": evil,
                "observed": {"x.y": EVIL, "x.z": [EVIL, 1, None, True]},
            }
        )
    )
    return report.model_copy(update={"findings": findings})
