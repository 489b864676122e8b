"""JUnit XML: well-formed, counts that add up, statuses mapped as documented, text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from aiprocure.model.checklist import Severity
from aiprocure.model.common import Lang
from aiprocure.model.findings import Report, ReviewFlag, Status
from aiprocure.render import junit
from aiprocure.render.junit_xml import Element
from aiprocure.render.options import Notice, RenderOptions
from aiprocure.render.safe import clean
from tests.conftest import EVIL, REPO

INFO_GATE = RenderOptions(threshold=Severity.INFO)


def _root(reports: list[Report], options: RenderOptions = INFO_GATE) -> ET.Element:
    return ET.fromstring(junit.render(reports, Lang.EN, options=options).encode())


def _flags(report: Report) -> list[ReviewFlag]:
    return list(report.review_flags)


def test_one_suite_per_declaration_and_counts_add_up(render_reports: list[Report]) -> None:
    root = _root(render_reports)
    suites = root.findall("testsuite")
    assert len(suites) == len(render_reports)
    for suite, report in zip(suites, render_reports, strict=True):
        # every review flag (raised or undetermined viewpoint, escalation) is a test case that
        # fails under the default gate, never a skipped one
        flag_cases = suite.findall("testcase")[: len(_flags(report))]
        assert all(c.find("failure") is not None for c in flag_cases)
        assert not any(c.find("skipped") is not None for c in flag_cases)
    for suite, report in zip(suites, render_reports, strict=True):
        cases = suite.findall("testcase")
        assert len(cases) == len(report.findings) + len(_flags(report))
        assert len(cases) == int(suite.get("tests", ""))
        assert int(suite.get("failures", "")) == sum(
            1 for c in cases if c.find("failure") is not None
        )
        assert int(suite.get("skipped", "")) == sum(
            1 for c in cases if c.find("skipped") is not None
        )
        assert suite.get("errors") == "0"
        assert not list(suite.iter("error"))
    for key in ("tests", "failures"):
        assert int(root.get(key, "")) == sum(int(s.get(key, "")) for s in suites)
    assert root.get("skipped") is None  # not in the Jenkins schema


def test_status_mapping(render_reports: list[Report]) -> None:
    root = _root(render_reports)
    for suite, report in zip(root.findall("testsuite"), render_reports, strict=True):
        cases = suite.findall("testcase")[len(_flags(report)) :]
        for case, f in zip(cases, report.findings, strict=True):
            assert case.get("classname") == f.category
            assert case.get("name", "").startswith(f.rule_id + " ")
            assert case.get("line") is None
            assert case.get("file") is None
            failure, skipped = case.find("failure"), case.find("skipped")
            if f.status in (Status.FAIL, Status.UNANSWERED, Status.UNVERIFIED):
                assert failure is not None
                assert failure.get("type") == f.status.value
                assert (failure.text or "").startswith(f"{f.location.file}:{f.location.line}:")
                assert skipped is None
            elif f.status in (Status.WAIVED, Status.NOT_APPLICABLE):
                assert skipped is not None
                assert failure is None
            else:
                assert failure is None
                assert skipped is None


def test_each_review_flag_is_a_failing_testcase(render_reports: list[Report]) -> None:
    flagged = [r for r in render_reports if _flags(r)]
    assert flagged
    for fail_on_review in (True, False):
        opts = RenderOptions(threshold=None, fail_on_review=fail_on_review)
        root = _root(flagged, opts)
        for suite, report in zip(root.findall("testsuite"), flagged, strict=True):
            cases = [c for c in suite.findall("testcase") if c.get("classname") == "high_risk"]
            assert len(cases) == len(_flags(report))
            for case in cases:
                assert (case.find("failure") is not None) is fail_on_review
                assert (case.find("system-out") is not None) is not fail_on_review
            expected = len(cases) if fail_on_review else 0
            assert int(suite.get("failures", "")) == expected


def test_findings_below_the_gate_are_not_failures(render_reports: list[Report]) -> None:
    opts = RenderOptions(threshold=Severity.CRITICAL, fail_on_review=False)
    root = _root(render_reports, opts)
    for failure in root.iter("failure"):
        assert failure.get("type") != "review"
    for suite, report in zip(root.findall("testsuite"), render_reports, strict=True):
        gated = [
            f
            for f in report.findings
            if f.status in junit.FAILURE and f.severity is Severity.CRITICAL
        ]
        assert int(suite.get("failures", "")) == len(gated)


def test_an_unreadable_declaration_is_an_error_suite() -> None:
    problem = Notice("decl/bad.yaml", 2, 1, "not a mapping", "マッピングではありません")
    text = junit.render([], Lang.JA, options=RenderOptions(problems=(problem,)))
    _validate(text)
    root = ET.fromstring(text.encode())
    assert root.get("errors") == "1"
    (error,) = root.iter("error")
    assert error.get("message") == "マッピングではありません"


@pytest.mark.parametrize("lang", list(Lang))
def test_validates_against_the_junit_schema(render_reports: list[Report], lang: Lang) -> None:
    for options in (INFO_GATE, RenderOptions(), RenderOptions(fail_on_review=False)):
        _validate(junit.render(render_reports, lang, options=options))


def test_every_example_validates(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from aiprocure.cli.app import app

    out = tmp_path / "r.xml"
    examples = sorted((REPO / "examples").glob("*.yaml"))
    result = CliRunner().invoke(app, ["check", *map(str, examples), "--no-config", "-o", str(out)])
    assert result.exit_code == 1, result.output
    _validate(out.read_text(encoding="utf-8"))


def _validate(text: str) -> None:
    import xmlschema

    schema = xmlschema.XMLSchema(str(REPO / "tests" / "schemas" / "junit.xsd"))
    errors = list(schema.iter_errors(text))
    assert not errors, errors[0]


def test_hostile_text_round_trips_escaped(render_reports: list[Report]) -> None:
    text = junit.render(render_reports, Lang.EN)
    assert "<script>" not in text
    assert "\x1b" not in text
    root = ET.fromstring(text.encode())
    vendor = next(p for p in root.iter("property") if p.get("name") == "vendor")
    assert vendor.get("value") == clean(render_reports[0].subject.vendor or "")
    assert "]]>" in (vendor.get("value") or "")  # kept as text, escaped as ]]&gt;


def test_characters_xml_forbids_are_replaced() -> None:
    assert junit.xml_text("a\x00b\ud800c\ufffed\r\ne") == "a\\x00b\\ud800c\ufffdd\ne"


def test_the_streaming_sink_writes_what_the_renderer_writes() -> None:
    """check's JUnit sink (suites spooled as reports come, the head last) gives the renderer's
    bytes, problems included, in pieces that each end with a newline."""
    from aiprocure import api
    from aiprocure.api.output import open_sink
    from aiprocure.errors import Problem
    from aiprocure.render import Format, render_bytes

    session = api.open_session(api.SessionOptions(no_config=True, lang=Lang.EN))
    paths = sorted((REPO / "examples").glob("*.yaml"))[:3]
    reports = [o for o in session.assess(paths) if isinstance(o, Report)]
    problem = Problem(path="bad.yaml", line=2, col=3, message="bad", ja="不正")
    opts = RenderOptions()
    written: list[bytes | str] = []
    sink = open_sink(Format.JUNIT, written.append, Lang.EN, options=opts)
    for report in reports:
        sink.add(report)
    sink.problems([problem])
    sink.close()
    notice = Notice(problem.path, problem.line, problem.col, problem.message, problem.ja)
    with_problem = RenderOptions(problems=(notice,))
    expected = render_bytes(Format.JUNIT, reports, Lang.EN, with_problem)
    assert b"".join(w if isinstance(w, bytes) else w.encode() for w in written) == expected
    assert all(isinstance(w, bytes) and w.endswith(b"\n") for w in written)


@pytest.mark.parametrize("level", [0, 1, 3])
def test_the_writer_writes_what_element_tree_writes(level: int) -> None:
    texts = [EVIL, 'a "b" <c> & d\te\r\nf ]]> g', "", "x", "日本語\n改行"]
    mine = Element("suite", {"name": junit.xml_text(EVIL), "n": "1"})
    theirs = ET.Element("suite", {"name": junit.xml_text(EVIL), "n": "1"})
    for i, text in enumerate(texts):
        attrs = {"k": junit.xml_text(text), "i": str(i)}
        case, et_case = Element("case", dict(attrs)), ET.SubElement(theirs, "case", dict(attrs))
        mine.children.append(case)
        for tag in ("failure", "skipped", "system-out"):
            value = junit.xml_text(text) if tag != "skipped" else None
            case.children.append(Element(tag, {"m": junit.xml_text(text)}, value))
            ET.SubElement(et_case, tag, {"m": junit.xml_text(text)}).text = value
    mine.children.append(Element("empty", {}))
    ET.SubElement(theirs, "empty")
    ET.indent(theirs, level=level)
    assert mine.xml(level) == ET.tostring(theirs, encoding="unicode", short_empty_elements=True)
