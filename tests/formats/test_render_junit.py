"""JUnit XML: well-formed, counts that add up, statuses mapped as documented, text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from aiprocure.model.common import Lang
from aiprocure.model.findings import Report, Status
from aiprocure.render import junit
from aiprocure.render.safe import clean


def _root(reports: list[Report]) -> ET.Element:
    return ET.fromstring(junit.render(reports, Lang.EN).encode())


def test_one_suite_per_declaration_and_counts_add_up(render_reports: list[Report]) -> None:
    root = _root(render_reports)
    every = root.findall("testsuite")
    # each declaration: its findings' suite, then its high-risk determination's suite
    suites, determinations = every[0::2], every[1::2]
    assert len(suites) == len(determinations) == len(render_reports)
    for det, report in zip(determinations, render_reports, strict=True):
        cases = det.findall("testcase")
        assert len(cases) == len(report.determination.reasons) == int(det.get("tests", ""))
        assert det.get("skipped") == "0"  # never skipped
        assert not list(det.iter("skipped"))
        failed = [c.find("failure") for c in cases if c.find("failure") is not None]
        assert int(det.get("failures", "")) == len(failed)
        assert len(failed) == sum(
            1 for r in report.determination.reasons if r.state != "not_raised"
        )
    for suite, report in zip(suites, render_reports, strict=True):
        cases = suite.findall("testcase")
        assert len(cases) == len(report.findings) == int(suite.get("tests", ""))
        assert int(suite.get("failures", "")) == sum(
            1 for c in cases if c.find("failure") is not None
        )
        assert int(suite.get("skipped", "")) == sum(
            1 for c in cases if c.find("skipped") is not None
        )
        assert suite.get("errors") == "0"
        assert not list(suite.iter("error"))
    for key in ("tests", "failures", "skipped"):
        assert int(root.get(key, "")) == sum(int(s.get(key, "")) for s in every)


def test_status_mapping(render_reports: list[Report]) -> None:
    root = _root(render_reports)
    for suite, report in zip(root.findall("testsuite")[0::2], render_reports, strict=True):
        for case, f in zip(suite.findall("testcase"), report.findings, strict=True):
            assert case.get("classname") == f.category
            assert case.get("name", "").startswith(f.rule_id + " ")
            assert int(case.get("line", "")) >= 1
            failure, skipped = case.find("failure"), case.find("skipped")
            if f.status in (Status.FAIL, Status.UNANSWERED, Status.UNVERIFIED):
                assert failure is not None
                assert failure.get("type") == f.status.value
                assert skipped is None
            elif f.status in (Status.WAIVED, Status.NOT_APPLICABLE):
                assert skipped is not None
                assert failure is None
            else:
                assert failure is None
                assert skipped is None


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
