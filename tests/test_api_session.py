"""The library service does what ``aiprocure check`` does: the same declarations, config and
waivers through ``api.open_session`` and through the command give the same bytes and exit status."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aiprocure import api
from aiprocure.api.output import TerminalStyle, open_sink
from aiprocure.cli import app
from aiprocure.cli.targets import COMMENT_LIMIT
from aiprocure.gate import exit_code
from aiprocure.model.common import Lang
from aiprocure.model.findings import Report, Status
from aiprocure.render import Format, render_bytes
from aiprocure.render.options import RenderOptions
from aiprocure.render.terminal import render as render_terminal
from aiprocure.render.terminal_batch import Row
from aiprocure.render.terminal_batch import render as render_batch
from tests.conftest import REPO

# relative, as a CI job names them: the example waivers' scope matches "examples/*.yaml"
DECLARATIONS = sorted(p.relative_to(REPO) for p in (REPO / "examples").glob("*.yaml"))
CONFIG = Path("examples/caio/ministry-config.yaml")
WAIVERS = Path("examples/caio/waivers.yaml")
TODAY = "2026-03-01"


def _cli(*args: str) -> tuple[int, bytes]:
    argv = ["check", *map(str, DECLARATIONS), "--config", str(CONFIG), "--waivers", str(WAIVERS)]
    result = CliRunner().invoke(app, [*argv, "--today", TODAY, *args], env={"NO_COLOR": "1"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout_bytes


def _session(lang: Lang | None) -> api.Session:
    options = api.SessionOptions(
        config=CONFIG, waivers=(WAIVERS,), today=date.fromisoformat(TODAY), lang=lang
    )
    return api.open_session(options)


def _reports(session: api.Session) -> list[Report]:
    outcomes = list(session.assess(DECLARATIONS))
    assert all(isinstance(o, Report) for o in outcomes)
    return [o for o in outcomes if isinstance(o, Report)]


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


@pytest.mark.parametrize("lang", [None, Lang.EN])
def test_json_and_exit_status_are_those_of_check(lang: Lang | None) -> None:
    session = _session(lang)
    reports = _reports(session)
    assert any(f.status is Status.WAIVED for r in reports for f in r.findings)  # waivers applied
    assert session.lang is (lang or Lang.JA)  # else the config's defaults.lang
    gate = session.gate
    status = exit_code(reports, gate.fail_on, fail_on_review=gate.fail_on_review)
    code, out = _cli("--format", "json", *(["--lang", lang.value] if lang else []))
    assert (code, out) == (status, render_bytes(Format.JSON, reports, session.lang))


@pytest.mark.parametrize("lang", [Lang.JA, Lang.EN])
def test_terminal_report_is_that_of_check(lang: Lang) -> None:
    """Several declarations: the batch view, with every file's full report (``--details all``)."""
    session = _session(lang)
    reports = _reports(session)
    gate = session.gate
    rows = [Row.of(r, fails=bool(gate(r))) for r in reports]
    details = [render_terminal([r], lang, width=100, color=False) for r in reports]
    expected = render_batch(rows, details, lang).encode()
    code, out = _cli(
        "--lang", lang.value, "--format", "terminal", "--width", "100", "--details", "all"
    )
    assert code == exit_code(reports, gate.fail_on, fail_on_review=gate.fail_on_review)
    assert out == (expected if expected.endswith(b"\n") else expected + b"\n")


@pytest.mark.parametrize("fmt", [Format.JSON, Format.SARIF, Format.TERMINAL])
def test_session_run_writes_through_a_sink_as_check_does(fmt: Format) -> None:
    session = _session(Lang.EN)
    written: list[bytes | str] = []
    style = TerminalStyle(width=100)
    # what check tells the CI formats: the SARIF base (the git root), the default gate
    options = RenderOptions(base_dir=str(REPO), cwd=str(Path.cwd()), max_chars=COMMENT_LIMIT)
    sink = open_sink(
        fmt, written.append, session.lang, terminal=style, one_rule_set=True, options=options
    )
    status, problems = session.run(DECLARATIONS, sink)
    assert problems == []
    assert written  # JSON comes in pieces as the batch goes, the others as one document
    data = b"".join(d.encode() if isinstance(d, str) else d for d in written)
    code, out = _cli("--lang", "en", "--format", fmt.value, "--width", "100")
    assert code == status
    assert out == (data if data.endswith(b"\n") else data + b"\n")


def test_a_file_that_cannot_be_assessed_is_an_outcome_of_its_own(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("vendor: [\n", encoding="utf-8")
    outcomes = list(_session(Lang.EN).assess([DECLARATIONS[0], bad, DECLARATIONS[1]]))
    assert [type(o).__name__ for o in outcomes] == ["Report", "list", "Report"]
    problems = outcomes[1]
    assert isinstance(problems, list)
    assert problems
    assert all(p.path == str(bad) for p in problems)


def test_a_bad_config_fails_to_open_in_the_run_language(tmp_path: Path) -> None:
    config = tmp_path / "aiprocure.yaml"
    config.write_text("defaults:\n  lang: en\n  nonsense: 1\n", encoding="utf-8")
    with pytest.raises(api.SessionError) as caught:
        api.open_session(api.SessionOptions(config=config, lang=Lang.JA))
    assert caught.value.lang is Lang.JA
    assert caught.value.problems
    assert caught.value.problems[0].path == str(config)


def test_assessing_leaves_nothing_for_the_cycle_collector() -> None:
    """A batch runs with the cyclic collector paused (``_entry``, ``api.batch``): a reference
    cycle made while assessing would keep its document until exit (10,000 declarations of the
    benchmark grew by ~60 KB each, 630 MB for JSON)."""
    session = _session(Lang.EN)
    session.assess_file(DECLARATIONS[0])  # what is built once per session
    gc.collect()
    gc.disable()
    try:
        for path in DECLARATIONS:
            session.assess_file(path)
        assert gc.collect() == 0
    finally:
        gc.enable()
