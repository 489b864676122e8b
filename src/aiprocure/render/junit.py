"""JUnit XML for CI test reporters (GitLab, Jenkins, GitHub test-report actions).

* one ``<testsuite>`` per declaration (name = the declaration path), inside one ``<testsuites>``;
* one ``<testcase>`` per rule: ``classname`` = category, ``name`` = "RULE-ID title", plus ``file``
  and ``line`` attributes that GitLab and several GitHub reporters link to;
* fail, unanswered and unverified are all ``<failure>``: none of them is a pass, and a CI gate
  must not read a missing answer as success. ``type`` tells them apart
  (``type="fail" | "unanswered" | "unverified"``) and the ``message`` starts with the status;
* not_applicable and waived are ``<skipped>`` (with the waiver's justification);
* ``<error>`` is never used: it means "the test could not run", and aiprocure reports that as
  exit code 2 with positioned messages instead of a report;
* counts on ``<testsuite>`` and ``<testsuites>`` are computed from the testcases; times are 0
  because renderers do not read the clock.

Text is built with :mod:`xml.etree.ElementTree` (which escapes ``<``, ``&``, quotes and ``]]>``),
after making control characters visible (``\\x1b``, as the terminal report does) and replacing the
few other characters XML 1.0 forbids with U+FFFD.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from aiprocure.model.common import Lang
from aiprocure.model.findings import Finding, Report, Status
from aiprocure.render import verdicts
from aiprocure.render.i18n import t
from aiprocure.render.safe import clean

FAILURE = (Status.FAIL, Status.UNANSWERED, Status.UNVERIFIED)
SKIPPED = (Status.NOT_APPLICABLE, Status.WAIVED)


def render(reports: Sequence[Report], lang: Lang) -> str:
    root = ET.Element("testsuites", name="aiprocure")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for report in reports:
        for suite in (_suite(report, lang), _determination_suite(report, lang)):
            root.append(suite)
            for key in totals:
                totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", "0")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


# What XML 1.0 forbids and ``safe.clean`` leaves alone: surrogates and the two non-characters.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text XML 1.0 can carry: controls made visible (``\\x1b``), the rest replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", clean(text.replace("\r\n", "\n").replace("\r", "\n")))


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        el.text = xml_text(text)
    return el


def _suite(report: Report, lang: Lang) -> ET.Element:
    suite = ET.Element("testsuite", name=xml_text(report.subject.declaration))
    failures = sum(1 for f in report.findings if f.status in FAILURE)
    skipped = sum(1 for f in report.findings if f.status in SKIPPED)
    suite.set("tests", str(len(report.findings)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    suite.set("time", "0")

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

    for f in report.findings:
        _case(suite, f, lang)
    return suite


def _determination_suite(report: Report, lang: Lang) -> ET.Element:
    """The high-risk determination as tests (docs/verdicts.md section 5.4): one testcase per
    viewpoint, failing when raised (type ``raised``) or undetermined (type ``incomplete``) --
    never skipped, which CI would read as passing."""
    name = f"{report.subject.declaration} high-risk-determination"
    suite = ET.Element("testsuite", name=xml_text(name))
    reasons = report.determination.reasons
    failed = [r for r in reasons if r.state != "not_raised"]
    suite.set("tests", str(len(reasons)))
    suite.set("failures", str(len(failed)))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    suite.set("time", "0")
    props = _el(suite, "properties")
    _el(props, "property", name="determination", value=report.determination.state.value)
    _el(props, "property", name="blocks_gate", value=str(report.determination.blocks_gate).lower())
    for r in reasons:
        case = _el(
            suite,
            "testcase",
            classname="high-risk-determination",
            name=f"{r.viewpoint} {r.title.get(lang)}",
            file=r.location.file,
            line=str(r.location.line),
            time="0",
        )
        if r.state != "not_raised":
            kind = "raised" if r.state == "raised" else "incomplete"
            message = verdicts.viewpoint_message(report, r.viewpoint, lang)
            if kind == "incomplete" and verdicts.warns_only(report):
                message += f" — {t('determination_warn', lang)}"
            _el(case, "failure", message, message=message, type=kind)
    return suite


def _case(suite: ET.Element, f: Finding, lang: Lang) -> None:
    case = _el(
        suite,
        "testcase",
        classname=f.category,
        name=f"{f.rule_id} {f.title.get(lang)}",
        file=f.location.file,
        line=str(f.location.line),
        time="0",
    )
    status = t(f"status.{f.status}", lang)
    if f.status in FAILURE:
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
        lines.append(f"{t('observed', lang)}: {field} = {json.dumps(value, ensure_ascii=False)}")
    lines.append(f"{t('remediation', lang)}: {f.remediation.get(lang)}")
    for ref in f.references:
        parts = (ref.source, ref.edition, ref.section, ref.title, ref.url)
        lines.append(f"{t('references', lang)}: " + " ".join(p for p in parts if p))
    return "\n".join(lines)
