"""JSON report and its schema: the checked-in schema is current and the output validates."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from aiprocure.model.common import Lang, Text
from aiprocure.model.findings import Report
from aiprocure.render import json_, json_bytes, json_schema
from tests.conftest import REPO

SCHEMA_FILE = REPO / "docs" / "report-schema.json"


def _dump(schema: dict[str, Any]) -> str:
    # as `aiprocure schema --report` prints it
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def test_checked_in_schema_is_current() -> None:
    expected = SCHEMA_FILE.read_text(encoding="utf-8")
    assert _dump(json_schema.report_json_schema()) == expected, (
        "docs/report-schema.json is stale: run `aiprocure schema --report > docs/report-schema.json`"
    )


def test_schema_is_valid_and_documented() -> None:
    schema = json_schema.report_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == json_.SCHEMA_ID
    assert schema["version"] == "3"
    report = schema["$defs"]["Report"]
    for name, prop in report["properties"].items():
        assert prop.get("description"), f"Report.{name} has no description"
    assert list(schema["$defs"]) == sorted(schema["$defs"])


def test_output_validates(render_reports: list[Report]) -> None:
    validator = jsonschema.Draft202012Validator(json_schema.report_json_schema())
    for reports in (render_reports[:1], render_reports):
        doc = json.loads(json_.render(reports, Lang.EN))
        errors = list(validator.iter_errors(doc))
        assert not errors, errors[0]
    assert not validator.is_valid({"report_version": "3", "rules": {}, "reports": []})
    single = json.loads(json_.render(render_reports[:1], Lang.EN))
    del single["rules"]
    assert not validator.is_valid(single)  # a standalone report carries its rules


RULE_FIELDS = ("category", "sheet", "title", "remediation", "provenance", "references")


def _v2(doc: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A report as model_dump gives it -> (the v2 report without rules, its rules table)."""
    rules: dict[str, Any] = {}
    for finding in doc["findings"]:
        rules[finding["rule_id"]] = {k: finding.pop(k) for k in RULE_FIELDS}
    for item in [
        *doc["findings"],
        *doc["review_flags"],
        *(doc["high_risk"] or {"viewpoints": []})["viewpoints"],
        *doc["risk"]["escalations"],
        *doc["determination"]["reasons"],
    ]:
        del item["location"]["file"]
    return doc, dict(sorted(rules.items()))


def _reference(reports: list[Report]) -> str:
    """An independent account of the v2 document: the json module, rules pulled out of the
    findings by hand; a set indents its head and writes each report compact on one line."""
    pairs = [_v2(r.model_dump(mode="json")) for r in reports]
    if len(pairs) == 1:
        body: dict[str, Any] = {**pairs[0][0], "rules": pairs[0][1]}
        return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    shared: dict[str, Any] = {}
    for _, rules in pairs:
        for k, v in rules.items():
            shared.setdefault(k, v)
    head = {"report_version": "3", "rules": dict(sorted(shared.items()))}
    lines = []
    for doc, rules in pairs:
        own = any(shared[k] != v for k, v in rules.items())
        entry = {**doc, "rules": rules} if own else doc
        lines.append(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
    start = json.dumps(head, ensure_ascii=False, indent=2)[:-2]
    return start + ',\n  "reports": [\n    ' + ",\n    ".join(lines) + "\n  ]\n}\n"


def test_rules_are_written_once(render_reports: list[Report]) -> None:
    out = json_.render(render_reports, Lang.EN)
    doc = json.loads(out)
    assert set(doc) == {"report_version", "rules", "reports"}
    lines = out.splitlines()
    assert len([line for line in lines if line.startswith('    {"report_version"')]) == len(
        render_reports
    )  # one line per report
    ids = {f["rule_id"] for r in doc["reports"] for f in r["findings"]}
    assert set(doc["rules"]) == ids
    assert list(doc["rules"]) == sorted(ids)
    for report in doc["reports"]:
        assert "rules" not in report
        for finding in report["findings"]:
            assert not set(RULE_FIELDS) & set(finding)
            assert "file" not in finding["location"]
    one = json.loads(json_.render(render_reports[:1], Lang.EN))
    assert list(one["rules"]) == sorted({f["rule_id"] for f in one["findings"]})
    title = render_reports[0].findings[0].title
    assert one["rules"][render_reports[0].findings[0].rule_id]["title"] == title.model_dump()


def test_a_report_from_another_rule_set_keeps_its_own_rules(
    render_reports: list[Report],
) -> None:
    first, second = render_reports[0], render_reports[1]
    changed = second.findings[0].model_copy(
        update={"remediation": Text(ja="別の対処", en="another remedy")}
    )
    other = second.model_copy(update={"findings": [changed, *second.findings[1:]]})
    out = json_.render([first, other], Lang.EN)
    assert out == _reference([first, other])
    doc = json.loads(out)
    assert "rules" not in doc["reports"][0]
    own = doc["reports"][1]["rules"]
    assert own[changed.rule_id]["remediation"]["en"] == "another remedy"
    assert doc["rules"][changed.rule_id]["remediation"] != own[changed.rule_id]["remediation"]


def _with_observed(report: Report, value: Any) -> Report:
    first = report.findings[0].model_copy(update={"observed": {"quality.x": value}})
    return report.model_copy(update={"findings": [first, *report.findings[1:]]})


def test_output_is_the_json_module_output(render_reports: list[Report]) -> None:
    for reports in (render_reports[:1], render_reports[:2], render_reports):
        assert json_.render(reports, Lang.EN) == _reference(reports)


def test_numbers_round_trip_and_both_paths_write_them_alike(render_reports: list[Report]) -> None:
    # pydantic-core writes 0.00001 and 1e-6 (the json module: 1e-05, 1e-06); the fallback for
    # lone surrogates serialises with pydantic-core too, so a number never changes its form
    for value in (0.00001, 1e-6, 2.5e-7, 99.95, 1e16, 0.0, [0.0001, 3e-5]):
        report = _with_observed(render_reports[0], value)
        out = json_.render([report], Lang.EN)
        assert json.loads(out)["findings"][0]["observed"]["quality.x"] == value
        entry = json_._entry(report, json_._rules_of(report))
        for indent in (2, None):
            fast = json_bytes._fast(entry, json_._EXCLUDE_REPORT, indent)
            assert fast == json_bytes._slow(entry, json_._EXCLUDE_REPORT, indent)
    assert b'"quality.x": 0.00001' in json_.render_bytes(
        [_with_observed(render_reports[0], 0.00001)], Lang.EN
    )


def test_the_surrogate_fallback_keeps_text_that_looks_like_its_marker(
    render_reports: list[Report],
) -> None:
    text = "\U000f0000dcff \\udcff"
    report = _with_observed(render_reports[0], [text, "\udcff.yaml", 1e-6])
    observed = json.loads(json_.render([report], Lang.EN))["findings"][0]["observed"]
    assert observed["quality.x"] == [text, "\udcff.yaml", 1e-6]


def test_misleading_characters_are_escaped_and_keep_their_value(
    render_reports: list[Report],
) -> None:
    text = "a\x85b\x9bc\u2028d\u2029e\u202ef\u2066g\u200bh\ufeffi\x7fj"
    report = _with_observed(render_reports[0], [text, "\udcff.yaml"])
    out = json_.render([report, render_reports[1]], Lang.EN)
    assert not any(c in out for c in text[1::2])  # every other character is a misleading one
    for escape in ("\\u0085", "\\u2028", "\\u202e", "\\udcff"):
        assert escape in out
    doc = json.loads(out)
    assert doc == json.loads(_reference([report, render_reports[1]]))
    assert doc["reports"][0]["findings"][0]["observed"]["quality.x"] == [text, "\udcff.yaml"]


def test_every_misleading_character_is_escaped(render_reports: list[Report]) -> None:
    chars = [*map(chr, range(0x7F, 0xA0)), *"\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a"]
    chars += [*"\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2065\u2066\u2067\u2068"]
    chars += ["\u2069", "\ufeff"]
    assert set(chars) == set(json_bytes._UNSAFE_CHARS)
    for char in chars:
        report = _with_observed(render_reports[0], f"x{char}y")
        out = json_.render([report], Lang.EN)
        assert char not in out
        assert f'"x\\u{ord(char):04x}y"' in out
    harmless = "é—→…「」・\u2010\u2027\u202f\u205f\ufefe"  # near neighbours stay as they are
    assert harmless in json_.render([_with_observed(render_reports[0], harmless)], Lang.EN)
    # the invisible characters render.safe shows as <U+XXXX> (model.invisible): escaped too
    for char in "\u00ad\u061c\u206a\u3164\ufe0f\U000e0041":
        out = json_.render([_with_observed(render_reports[0], f"x{char}y")], Lang.EN)
        assert char not in out
        assert json.dumps(f"x{char}y") in out


@pytest.mark.parametrize("count", [0, 1, 2, 3])
def test_a_streamed_document_is_the_whole_document(
    render_reports: list[Report], count: int
) -> None:
    """``Writer.take`` hands out what is settled as reports come in (check's JSON sink writes it
    at once); the pieces and ``finish`` are the bytes of the whole document, each piece ending
    with a newline. One session: one rule set, as the sink vouches."""
    from aiprocure import api

    session = api.open_session(api.SessionOptions(no_config=True, lang=Lang.EN))
    paths = sorted((REPO / "examples").glob("*.yaml"))[:count]
    reports = [o for o in session.assess(paths) if isinstance(o, Report)]
    writer = json_.Writer(one_rule_set=True)
    pieces = []
    for report in reports:
        writer.add(report)
        pieces.append(writer.take())
    pieces.append(writer.finish() if writer.count else b"")
    streamed = b"".join(pieces)
    assert streamed == (json_.render_bytes(reports, Lang.EN) if reports else b"")
    assert all(p.endswith(b"\n") for p in pieces if p)
    assert sum(1 for p in pieces if p) == count  # one line at a time, the last with the end
