"""GitHub workflow commands: one command per line, properties that cannot be broken out of."""

from __future__ import annotations

import re

import pytest

from aiprocure.model.common import Lang
from aiprocure.model.findings import Report
from aiprocure.render import github
from aiprocure.render.options import RenderOptions
from aiprocure.render.safe import clean
from tests.conftest import EVIL

UNLIMITED = RenderOptions(max_annotations=None)
LINE = re.compile(r"^::(error|warning|notice) ([^:]*)::([^\r\n]*)$")


def _unescape(text: str) -> str:
    for enc, dec in (("%0A", "\n"), ("%0D", "\r"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(enc, dec)
    return text


@pytest.mark.parametrize("lang", list(Lang))
def test_every_line_is_one_well_formed_command(render_reports: list[Report], lang: Lang) -> None:
    text = github.render(render_reports, lang, options=UNLIMITED)
    assert "\x1b" not in text
    for line in text.splitlines():
        m = LINE.match(line)
        assert m, line
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        assert set(props) <= {"file", "line", "col", "title"}
        assert props["file"]
        if "line" in props:
            assert int(props["line"]) >= 1


def test_escaping_round_trips() -> None:
    assert github.escape_data("100% done\r\nnext") == "100%25 done%0Anext"
    assert github.escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    line = github.command("error", EVIL, file="x,y:z.yaml", title=EVIL)
    m = LINE.match(line)
    assert m
    title = m.group(2).split(",")[1].removeprefix("title=")
    assert _unescape(title) == clean(EVIL.replace("\r\n", "\n"))
    assert _unescape(m.group(3)) == clean(EVIL.replace("\r\n", "\n"))


def test_levels_follow_severity(render_reports: list[Report]) -> None:
    text = github.render(render_reports[:1], Lang.EN, options=UNLIMITED)
    report = render_reports[0]
    for f in report.findings:
        title = f"title={github.escape_property(f'{f.rule_id} {f.title.en}')}::"
        lines = [line for line in text.splitlines() if title in line]
        if f.status.value in ("fail", "unanswered", "unverified"):
            assert len(lines) == 1
            assert lines[0].startswith(f"::{github.COMMANDS[f.severity]} ")
        else:
            assert not lines


def test_at_most_ten_of_each_kind_most_severe_first(render_reports: list[Report]) -> None:
    full = github.render(render_reports, Lang.EN, options=UNLIMITED).splitlines()
    lines = github.render(render_reports, Lang.EN).splitlines()
    commands = [line for line in lines if line.startswith("::")]
    for kind in ("error", "warning", "notice"):
        every = [c for c in full if c.startswith(f"::{kind} ")]
        shown = [c for c in commands if c.startswith(f"::{kind} ")]
        assert len(shown) == min(10, len(every))
        assert shown == every[: len(shown)]  # the same order, cut: the most severe kept
    rest = [line for line in lines if not line.startswith("::")]
    assert rest[-1].startswith("aiprocure: ")
    assert all(line.startswith("aiprocure: ") for line in rest)
    assert "not annotated" in rest[-1]


def test_unreadable_files_are_annotated_first() -> None:
    from aiprocure.render.options import Notice as Problem

    problem = Problem("decl/bad.yaml", 3, 7, "not YAML", "YAML ではありません")
    text = github.render([], Lang.JA, options=RenderOptions(problems=(problem,)))
    assert text.startswith("::error file=decl/bad.yaml,line=3,col=7,title=aiprocure ")
    assert text.rstrip().endswith("::YAML ではありません")
