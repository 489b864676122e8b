"""JUnit XML for CI test reporters (GitLab, Jenkins, GitHub test-report actions).

* one ``<testsuite>`` per declaration (name = the declaration path), inside one ``<testsuites>``;
* one ``<testcase>`` per rule: ``classname`` = category, ``name`` = "RULE-ID title"; the file and
  line are in the failure's text (``file:line:col: ...``) and the suite's ``file`` attribute, as
  the Jenkins xunit schema (``junit-10.xsd``) allows — it has no ``file``/``line`` on a testcase;
* the failures are the gate's: a fail, unanswered or unverified finding at or above ``--fail-on``
  is a ``<failure>`` (``type`` says which status); one below it passes, with its details in
  ``<system-out>``, so the report's failures agree with the exit code;
* each high-risk review flag is a testcase of its own (``classname="high_risk"``), failing when
  ``--fail-on-review`` is on (the default) and passing with ``<system-out>`` when it is off;
* not_applicable and waived are ``<skipped>`` (with the waiver's justification);
* a declaration that could not be read is a suite with one ``<error>`` testcase at its position
  (the run also exits 2 and prints the problem);
* counts on ``<testsuite>`` and ``<testsuites>`` are computed from the testcases; times are 0
  because renderers do not read the clock. ``<testsuites>`` carries no ``skipped`` (not in the
  schema). Validated in the tests against tests/schemas/junit.xsd.

Text is written as :mod:`xml.etree.ElementTree` indents and writes a tree (``<``, ``>``, ``&``
escaped; in attributes also quotes, tabs and line breaks), by ``render.junit_xml``, after making
control characters visible (``\\x1b``, as the terminal report does) and replacing the few other
characters XML 1.0 forbids with U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from functools import lru_cache

from aiprocure.model.common import Lang
from aiprocure.model.findings import Finding, Report, ReviewFlag, Status
from aiprocure.render import conditions as acc
from aiprocure.render import verdicts
from aiprocure.render.i18n import t
from aiprocure.render.junit_xml import Element
from aiprocure.render.options import Notice, RenderOptions
from aiprocure.render.safe import clean

FAILURE = (Status.FAIL, Status.UNANSWERED, Status.UNVERIFIED)
SKIPPED = (Status.NOT_APPLICABLE, Status.WAIVED)


def render(reports: Sequence[Report], lang: Lang, *, options: RenderOptions | None = None) -> str:
    suites = Suites(lang, options)
    body = [suites.suite(report) for report in reports]
    body += [suites.problem(p) for p in suites.opts.problems]
    return suites.head(bool(body)) + "".join(body) + suites.tail(bool(body))


class Suites:
    """The document one ``<testsuite>`` at a time, so a batch need keep neither its reports nor
    its elements: ``head`` (the counts, known once every suite is made), each suite's text in
    order, then ``tail``; every piece ends with a newline. The bytes are those of indenting and
    writing the whole tree with ElementTree (each suite is indented at its level, one)."""

    def __init__(self, lang: Lang, options: RenderOptions | None = None) -> None:
        self.lang, self.opts = lang, options or RenderOptions()
        self.totals = {"tests": 0, "failures": 0, "errors": 0}

    def suite(self, report: Report) -> str:
        return self._text(_suite(report, self.lang, self.opts))

    def problem(self, notice: Notice) -> str:
        return self._text(_problem_suite(notice, self.lang))

    def _text(self, suite: Element) -> str:
        for key in self.totals:
            self.totals[key] += int(suite.attrib.get(key, "0"))
        return "  " + suite.xml(1) + "\n"

    def head(self, suites: bool) -> str:
        root = ET.Element("testsuites", name="aiprocure")
        for key, value in self.totals.items():
            root.set(key, str(value))
        root.set("time", "0")
        text = ET.tostring(root, encoding="unicode", short_empty_elements=True)
        if suites:  # <testsuites ...> open, not empty
            text = text.removesuffix(" />") + ">"
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"

    def tail(self, suites: bool) -> str:
        return "</testsuites>\n" if suites else ""


# What XML 1.0 forbids and ``safe.clean`` leaves alone: surrogates and the two non-characters.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


@lru_cache(maxsize=8192)  # rule titles, categories and messages recur in every suite
def xml_text(text: str) -> str:
    """Text XML 1.0 can carry: controls made visible (``\\x1b``), the rest replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", clean(text.replace("\r\n", "\n").replace("\r", "\n")))


def _el(parent: Element, tag: str, text: str | None = None, **attrs: str) -> Element:
    el = Element(
        tag, {k: xml_text(v) for k, v in attrs.items()}, None if text is None else xml_text(text)
    )
    parent.children.append(el)
    return el


def _gated(f: Finding, opts: RenderOptions) -> bool:
    """Does this open finding fail the gate (``--fail-on``)?"""
    return opts.threshold is not None and f.severity.rank >= opts.threshold.rank


def _viewpoints(report: Report) -> list[ReviewFlag]:
    """Every review flag is a test case: raised and undetermined viewpoints (the high-risk
    determination) and open rules with a review flag (escalations)."""
    return list(report.review_flags)


_FLAG_TYPE = {
    "high_risk_viewpoint": "raised",
    "undetermined_viewpoint": "incomplete",
    "critical_rule": "review",
}


def _blocks(report: Report, flag: ReviewFlag, opts: RenderOptions) -> bool:
    """Does this flag fail the gate (``--fail-on-review``, and for an undetermined viewpoint
    the run's ``incomplete_determination``)?"""
    if not opts.fail_on_review:
        return False
    return not (flag.kind == "undetermined_viewpoint" and verdicts.warns_only(report))


def _suite(report: Report, lang: Lang, opts: RenderOptions) -> Element:
    declaration = report.subject.declaration
    suite = Element("testsuite", {"name": xml_text(declaration)})
    flags = _viewpoints(report)
    failures = sum(1 for f in report.findings if f.status in FAILURE and _gated(f, opts))
    failures += sum(1 for flag in flags if _blocks(report, flag, opts))
    skipped = sum(1 for f in report.findings if f.status in SKIPPED)
    suite.set("tests", str(len(report.findings) + len(flags)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    suite.set("time", "0")
    suite.set("file", xml_text(declaration))

    props = _el(suite, "properties")
    s = report.subject
    pairs = [
        ("vendor", s.vendor),
        ("system", s.system),
        ("corporate_number", s.corporate_number),
        ("risk_level", report.risk_level.value),
        ("review_required", "true" if report.review_required else "false"),
        ("risk", f"{report.risk.level.value}: {verdicts.risk_reason(report, lang, limit=None)}"),
        ("determination", report.determination.state.value),
        ("tool_version", report.tool_version),
    ]
    pairs += [(f"review_flag.{f.source_id}", f.reason.get(lang)) for f in report.review_flags]
    pairs += [(f"checklist.{c.id}", c.version) for c in report.checklists]
    pairs += [(f"sha256.{i.path}", i.sha256) for i in report.inputs]
    for name, value in pairs:
        if value is not None:
            _el(props, "property", name=name, value=value)

    for flag in flags:
        _flag_case(suite, report, flag, lang, opts)
    for f in report.findings:
        _case(suite, f, lang, opts)
    if acc.has_any(report):  # conditions of acceptance, notes, notices
        _el(suite, "system-out", _conditions(report, lang))
    return suite


def _conditions(report: Report, lang: Lang) -> str:
    file = report.subject.declaration
    lines: list[str] = []
    if report.acceptance_conditions:
        lines.append(t("acc.conditions", lang))
        lines += [
            f"{file}:{c.line}:{c.col}: {acc.condition_line(c, lang)}"
            f" [{t('acc.rules', lang)}: {acc.rules_text(c.rules, lang)}]"
            for c in report.acceptance_conditions
        ]
    if report.fact_notes:
        lines.append(t("acc.notes", lang))
        lines += [f"{file}:{n.line}:{n.col}: {acc.note_line(n, lang)}" for n in report.fact_notes]
    if report.notices:
        lines.append(t("acc.notices", lang))
        lines += [f"{file}:{n.line}:{n.col}: {acc.notice_text(n, lang)}" for n in report.notices]
    return "\n".join(lines)


def _flag_case(
    suite: Element, report: Report, flag: ReviewFlag, lang: Lang, opts: RenderOptions
) -> None:
    case = _el(
        suite,
        "testcase",
        classname="high_risk",
        name=f"{flag.source_id} {flag.title.get(lang)}",
        time="0",
    )
    loc = flag.location
    kind = _FLAG_TYPE[flag.kind]
    if flag.kind == "critical_rule":
        message = f"{flag.reason.get(lang)} — {t('review_required', lang)}"
    else:
        state = "undetermined" if kind == "incomplete" else "raised"
        word = t(f"determination.{state}", lang)
        message = f"{flag.reason.get(lang)} — {t('verdict.determination', lang)}: {word}"
        if kind == "incomplete" and verdicts.warns_only(report):
            message += f" — {t('determination_warn', lang)}"
    details = f"{loc.file}:{loc.line}:{loc.col}: {flag.source_id} {message}"
    if _blocks(report, flag, opts):
        _el(case, "failure", details, message=message, type=kind)
    else:
        _el(case, "system-out", details)


def _problem_suite(p: Notice, lang: Lang) -> Element:
    suite = Element("testsuite", {"name": xml_text(p.path)})
    for key, value in (("tests", "1"), ("failures", "0"), ("errors", "1"), ("skipped", "0")):
        suite.set(key, value)
    suite.set("time", "0")
    suite.set("file", xml_text(p.path))
    case = _el(suite, "testcase", classname="input", name=p.path, time="0")
    _el(case, "error", p.show(lang), message=p.text(lang), type="input")
    return suite


def _case(suite: Element, f: Finding, lang: Lang, opts: RenderOptions) -> None:
    if f.status is Status.PASS or f.status is Status.NOT_APPLICABLE:  # alike in every report
        message = "" if f.status is Status.PASS else f.message.get(lang)  # what is written
        key = (lang, f.status, f.category, f.rule_id, f.title.get(lang), message)
        text = _SAME_CASES.get(key)
        if text is None:
            if len(_SAME_CASES) >= 4096:
                _SAME_CASES.clear()
            case = Element("testcase", {})
            _fill(case, f, lang, opts)
            text = _SAME_CASES[key] = case.xml(2)  # a suite's test cases are at level 2
        suite.children.append(text)
        return
    case = _el(suite, "testcase")
    _fill(case, f, lang, opts)


_SAME_CASES: dict[tuple[Lang, Status, str, str, str, str], str] = {}


def _fill(case: Element, f: Finding, lang: Lang, opts: RenderOptions) -> None:
    for key, value in (
        ("classname", f.category),
        ("name", f"{f.rule_id} {f.title.get(lang)}"),
        ("time", "0"),
    ):
        case.set(key, xml_text(value))
    status = t(f"status.{f.status}", lang)
    if f.status in FAILURE and not _gated(f, opts):
        _el(case, "system-out", f"[{status}] " + _details(f, lang))
    elif f.status in FAILURE:
        message = f"[{status}] {f.message.get(lang)}"
        _el(case, "failure", _details(f, lang), message=message, type=f.status.value)
    elif f.status is Status.WAIVED:
        why = f.waiver.justification if f.waiver is not None else f.message.get(lang)
        _el(case, "skipped", message=f"[{status}] {why}")
    elif f.status is Status.NOT_APPLICABLE:
        _el(case, "skipped", message=f"[{status}] {f.message.get(lang)}")


def _details(f: Finding, lang: Lang) -> str:
    loc = f.location
    lines = [
        f"{loc.file}:{loc.line}:{loc.col}: {f.rule_id} [{t(f'severity.{f.severity}', lang)}] "
        f"{f.message.get(lang)}",
        f"{t('location', lang)}: {loc.field}",
    ]
    for field, value in f.observed.items():
        lines.append(f"{t('observed', lang)}: {field} = {acc.observed_text(f, field, value, lang)}")
    lines += [f"{t('acc.condition', lang)}: {acc.condition_line(c, lang)}" for c in f.conditions]
    lines += [f"{t('evidence', lang)}: {acc.evidence_line(e, lang)}" for e in f.evidence]
    lines.append(f"{t('remediation', lang)}: {f.remediation.get(lang)}")
    for ref in f.references:
        parts = (ref.source, ref.edition, ref.section, ref.title, ref.url)
        lines.append(f"{t('references', lang)}: " + " ".join(p for p in parts if p))
    return "\n".join(lines)
