"""A report with conditions of acceptance, notes, notices, per-fact evidence, evidence files and
`any` region, in every format and both languages: goldens (tests/golden/conditions/), what each
format must show, and vendor text escaped (docs/declaration-format.md sections 3 and 4)."""

from __future__ import annotations

import contextlib
import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from aiprocure import api, render
from aiprocure.engine.assess import assess
from aiprocure.model.common import Lang
from aiprocure.model.countries import ASSIGNED
from aiprocure.model.facts import EvidenceFile, Resolution
from aiprocure.model.findings import Report
from aiprocure.render import Format
from tests.conftest import EVIL, REPO, Golden
from tests.factindex import condition, evidence, fact, index, load, note, with_facts

SUFFIX = {
    Format.TERMINAL: "txt",
    Format.JSON: "json",
    Format.SARIF: "sarif",
    Format.JUNIT: "junit.xml",
    Format.MARKDOWN: "md",
    Format.HTML: "html",
    Format.GITHUB: "github.txt",
}


@pytest.fixture(scope="module")
def report() -> Report:
    declaration, doc = load("domestic-low-risk.yaml")
    assert declaration.data_locations is not None
    locations = declaration.data_locations.model_copy(update={"processing": sorted(ASSIGNED)})
    declaration = declaration.model_copy(update={"data_locations": locations})
    storage = condition("data_locations.storage", "depends_on_deployment", ["JP"], EVIL, line=25)
    zdr = condition("retention.prompt_days", "on_approval", 0, "Zero data retention", line=48)
    dpa = evidence(
        EVIL, "contract", line=30, section="5.2", date="2020-04-01", file="evidence/dpa.pdf",
        sha256="ab" * 32, url="https://vendor.example/dpa",
    )  # fmt: skip
    blog = evidence("Tech blog", "third_party", line=49)
    facts = index(
        fact("data_locations.storage", line=25, resolution=Resolution.CHOSEN,
             conditions=(storage,), evidence=(dpa,)),
        fact("data_locations.processing", line=26,
             notes=(note("data_locations.processing", "any_region", line=26),)),
        fact("retention.prompt_days", line=48, resolution=Resolution.COMMITTED,
             conditions=(zdr,), evidence=(blog,),
             notes=(note("retention.prompt_days", "alternative", 30, "default", line=48),)),
        files=(
            EvidenceFile(path="evidence/dpa.pdf", sha256="ab" * 32, size=3, declared=True),
            EvidenceFile(path="evidence/list.csv", sha256="cd" * 32, size=3, declared=False),
        ),
    )  # fmt: skip
    compiled = api.compiled_ruleset(api.load_checklists())
    with contextlib.chdir(REPO):
        return assess(
            compiled,
            declaration,
            file="examples/domestic-low-risk.yaml",
            doc=with_facts(doc, facts),
            today=date(2028, 1, 1),
        )


def test_the_report_holds_what_the_formats_show(report: Report) -> None:
    assert [c.path for c in report.acceptance_conditions] == [
        "data_locations.storage",
        "retention.prompt_days",
    ]
    assert {n.kind for n in report.notices} >= {"declaration_old", "evidence_old"}
    assert any(f.any_region for f in report.findings)
    assert [d.path for d in report.inputs if d.kind == "evidence"] == [
        "examples/evidence/dpa.pdf",
        "examples/evidence/list.csv",
    ]


# JSON carries both languages: one golden
CASES = [
    (fmt, lang) for fmt in Format for lang in Lang if fmt is not Format.JSON or lang is Lang.JA
]


@pytest.mark.parametrize(("fmt", "lang"), CASES)
def test_golden(fmt: Format, lang: Lang, report: Report, golden: Golden) -> None:
    text = render.render(fmt, [report], lang)
    name = "report" if fmt is Format.JSON else f"report.{lang}"
    golden(f"conditions/{name}.{SUFFIX[fmt]}", text)
    assert "\x1b" not in text  # no terminal escape survives, in any format
    if fmt in (Format.MARKDOWN, Format.HTML):  # markup: the vendor's tags are text
        assert "<script>" not in text


WORDS = {
    Lang.EN: ("Conditions of acceptance", "any region", "depends on the deployment"),
    Lang.JA: ("受入れの条件", "任意の国・地域", "デプロイ形態に依存"),
}


@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("fmt", [Format.MARKDOWN, Format.TERMINAL, Format.JUNIT])
def test_conditions_section_and_any_region_in_words(
    fmt: Format, lang: Lang, report: Report
) -> None:
    text = render.render(fmt, [report], lang)
    for word in WORDS[lang]:
        assert word in text, (fmt, word)
    assert "AD, AE, AF" not in text  # not 249 codes


def test_markdown_escapes_the_vendors_detail(report: Report) -> None:
    text = render.render(Format.MARKDOWN, [report], Lang.EN)
    assert "&lt;script&gt;" in text
    assert " @octocat" not in text  # no mention survives
    row = next(
        line for line in text.splitlines() if line.startswith("| data\\_locations\\.storage")
    )
    assert row.count(" | ") == 5  # the detail's `|` cannot add a cell


def test_sarif_related_locations_properties_and_artifacts(report: Report) -> None:
    doc = json.loads(render.render(Format.SARIF, [report], Lang.EN))
    run = doc["runs"][0]
    assert run["artifacts"] == [
        {
            "location": {"uri": "examples/evidence/dpa.pdf"},
            "roles": ["attachment"],
            "hashes": {"sha-256": "ab" * 32},
        },
        {
            "location": {"uri": "examples/evidence/list.csv"},
            "roles": ["attachment"],
            "hashes": {"sha-256": "cd" * 32},
        },
    ]
    with_conditions = [r for r in run["results"] if "conditions" in r["properties"]]
    assert with_conditions
    for result in with_conditions:
        related = result["relatedLocations"]
        assert len(related) == len(result["properties"]["conditions"])
        assert related[0]["physicalLocation"]["region"]["startLine"] in (25, 48)
    summary = run["properties"]["aiprocure"][0]
    assert [c["path"] for c in summary["acceptance_conditions"]] == [
        "data_locations.storage",
        "retention.prompt_days",
    ]
    assert "\x1b" not in json.dumps(doc, ensure_ascii=False)


def test_junit_is_valid_and_carries_the_conditions(report: Report) -> None:
    import xmlschema

    text = render.render(Format.JUNIT, [report], Lang.EN)
    xmlschema.XMLSchema(str(REPO / "tests" / "schemas" / "junit.xsd")).validate(text)
    suite = ET.fromstring(text).find("testsuite")
    assert suite is not None
    outs = [el.text or "" for el in suite.findall("system-out")]
    assert any("Conditions of acceptance" in o and ":25:5:" in o for o in outs)


def test_github_notice_per_condition_and_notice(report: Report) -> None:
    text = render.render(Format.GITHUB, [report], Lang.EN)
    lines = [x for x in text.splitlines() if "title=aiprocure Condition of acceptance" in x]
    assert len(lines) == 2
    assert all(x.startswith("::notice file=examples/domestic-low-risk.yaml,line=") for x in lines)
    assert "is 1005 days old" in text or "days old" in text
    for line in text.splitlines():
        assert line.count("::") <= 2 or line.startswith("::")  # no command injected mid-line


def test_json_keeps_values_and_kinds(report: Report) -> None:
    doc = json.loads(render.render(Format.JSON, [report], Lang.EN))
    assert doc["report_version"] == "3"
    conditions = doc["acceptance_conditions"]
    assert conditions[0]["detail"] == EVIL.replace("\r\n", "\r\n")
    fa4 = next(f for f in doc["findings"] if f["rule_id"] == "DS920-FA-004")
    assert fa4["observed"]["data_locations.processing"] == "any"
    assert fa4["any_region"] == ["data_locations.processing"]
    assert fa4["evidence"][0]["kind"] == "contract"
    assert fa4["evidence"][0]["file"] == "evidence/dpa.pdf"
    evidence_inputs = [i for i in doc["inputs"] if i["kind"] == "evidence"]
    assert [i["declared"] for i in evidence_inputs] == [True, False]


def test_html_gets_each_findings_evidence(report: Report) -> None:
    """The HTML renderer (another module's) gets each finding's own evidence, escaped."""
    text = render.render(Format.HTML, [report], Lang.EN)
    fa4 = text[text.index('<tr><th scope="row">DS920-FA-004') :]
    fa4 = fa4[: fa4.index("</tr>")]
    assert "&lt;script&gt;document.title" in fa4  # the DPA's name, the fact's own evidence
    assert "サービス仕様書" not in fa4  # not the section's: the fact has evidence of its own
    assert "<script>document" not in text


def test_schema_validates_the_report(report: Report) -> None:
    import jsonschema

    from aiprocure.render.json_schema import report_json_schema

    doc = json.loads(render.render(Format.JSON, [report], Lang.EN))
    jsonschema.Draft202012Validator(report_json_schema()).validate(doc)
    assert Path(REPO / "docs" / "report-schema.json").exists()
