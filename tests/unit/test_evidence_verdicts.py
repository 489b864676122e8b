"""Format 2.0 in the engine: conditions of acceptance, each finding's own evidence, evidence kinds
per rule, `any` region, age notices and evidence files (docs/declaration-format.md sections 3-4),
on hand-made fact indexes (tests/factindex.py)."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import date

import pytest

from aiprocure import api
from aiprocure.engine.assess import assess
from aiprocure.model.checklist import DEFAULT_EVIDENCE_KINDS
from aiprocure.model.facts import EvidenceFile, FactIndex, NoteKind, Resolution
from aiprocure.model.findings import Finding, Report, Status
from tests.factindex import condition, evidence, fact, index, load, note, with_facts

RULESET = api.load_checklists()
COMPILED = api.compiled_ruleset(RULESET)
FA4 = "DS920-FA-004"  # data stored, processed and logged in Japan; evidence required
SEC1 = "DS920-SEC-001"  # ISMAP; evidence of certification kinds


def run(facts: FactIndex, *, drop: tuple[str, ...] = (), today: date | None = None) -> Report:
    declaration, doc = load("domestic-low-risk.yaml", drop_evidence=drop)
    return assess(COMPILED, declaration, file="d.yaml", doc=with_facts(doc, facts), today=today)


def finding(report: Report, rule_id: str) -> Finding:
    return next(f for f in report.findings if f.rule_id == rule_id)


def test_plain_declaration_marks_section_evidence_and_keeps_verdicts() -> None:
    report = run(FactIndex())
    f = finding(report, FA4)
    assert f.status is Status.PASS
    assert [(e.document, e.kind, e.section_wide) for e in f.evidence] == [
        ("サービス仕様書", "unspecified", True)
    ]
    assert not f.conditions
    assert not report.acceptance_conditions
    assert not report.notices


def test_condition_of_acceptance_is_listed_with_the_rules_resting_on_it() -> None:
    cond = condition("data_locations.storage", "depends_on_deployment", ["JP"], "regional", 26)
    storage = fact(
        "data_locations.storage", line=25, resolution=Resolution.CHOSEN, conditions=(cond,)
    )
    report = run(index(storage))
    [listed] = report.acceptance_conditions
    assert (listed.path, listed.kind, listed.value, listed.detail) == (
        "data_locations.storage",
        "depends_on_deployment",
        ["JP"],
        "regional",
    )
    assert FA4 in listed.rules
    assert (listed.line, listed.col) == (26, 5)
    assert [c.path for c in finding(report, FA4).conditions] == ["data_locations.storage"]
    # a rule that does not read the fact does not carry the condition
    assert not finding(report, "DS920-TRN-001").conditions


def test_a_finding_shows_its_own_facts_evidence_not_the_sections() -> None:
    own = evidence("DPA", "contract", line=27, section="Annex 2", date="2026-04-01")
    report = run(index(fact("data_locations.storage", evidence=(own,))))
    f = finding(report, FA4)
    assert f.status is Status.PASS
    assert [(e.document, e.kind, e.date, e.section_wide) for e in f.evidence] == [
        ("DPA", "contract", "2026-04-01", False)
    ]
    # another rule of the section, reading other facts, still shows the section's evidence
    other = [f for f in report.findings if f.rule_id == "DS920-FA-005"]
    assert all(e.section_wide for f in other for e in f.evidence)


def test_evidence_of_a_kind_the_rule_does_not_accept_leaves_it_unverified() -> None:
    blog = evidence("Tech blog", "third_party", line=27, url="https://blog.example/x")
    report = run(index(fact("data_locations.storage", evidence=(blog,))), drop=("data_locations",))
    f = finding(report, FA4)
    assert f.status is Status.UNVERIFIED
    assert "third_party" in f.message.en
    assert "contract" in f.message.en
    assert "third_party" in f.message.ja
    assert "根拠となる種類" in f.message.ja
    assert [e.document for e in f.evidence] == ["Tech blog"]


def test_section_evidence_of_an_accepted_kind_backs_a_fact_with_a_blog_post() -> None:
    blog = evidence("Tech blog", "third_party", line=27)
    report = run(index(fact("data_locations.storage", evidence=(blog,))))
    f = finding(report, FA4)
    assert f.status is Status.PASS
    assert [(e.document, e.section_wide) for e in f.evidence] == [
        ("Tech blog", False),
        ("サービス仕様書", True),
    ]


def test_vendor_documentation_does_not_back_an_ismap_claim() -> None:
    docs = evidence("Trust center", "vendor_documentation", line=86)
    report = run(index(fact("security.ismap", evidence=(docs,))), drop=("security",))
    assert finding(report, SEC1).status is Status.UNVERIFIED
    cert = evidence("ISMAP list", "certification", line=86)
    report = run(index(fact("security.ismap", evidence=(docs, cert))), drop=("security",))
    assert finding(report, SEC1).status is Status.PASS


def test_shipped_rules_that_require_evidence_name_their_kinds() -> None:
    required = [r for r in RULESET.rules if r.evidence_required]
    assert required
    for rule in required:
        assert "unspecified" in rule.evidence_kinds, rule.id  # 1.0 evidence keeps its verdicts
        assert "third_party" not in rule.evidence_kinds, rule.id
        assert "self_assessment" not in rule.evidence_kinds, rule.id
    sec1 = next(r for r in RULESET.rules if r.id == SEC1)
    assert "vendor_documentation" not in sec1.evidence_kinds
    assert "certification" in sec1.evidence_kinds
    assert set(DEFAULT_EVIDENCE_KINDS) == {
        "contract",
        "terms_of_service",
        "audit_report",
        "certification",
        "vendor_documentation",
        "unspecified",
    }


KINDS = ["contract", "third_party", "vendor_documentation", "certification", "self_assessment"]
RANK = {Status.PASS: 0, Status.NOT_APPLICABLE: 0, Status.UNVERIFIED: 1, Status.UNANSWERED: 2}


@pytest.mark.parametrize("drop", [(), ("data_locations", "security")])
def test_deleting_evidence_never_improves_a_finding(drop: tuple[str, ...]) -> None:
    """The deletion property for evidence (docs/verdicts.md section 9): every subset of a fact's
    evidence entries gives a finding no better than the whole set."""
    for kinds in itertools.combinations(KINDS, 2):
        entries = tuple(evidence(f"doc {k}", k, line=27 + i) for i, k in enumerate(kinds))
        for path in ("data_locations.storage", "security.ismap"):
            whole = run(index(fact(path, evidence=entries)), drop=drop)
            for keep in itertools.chain.from_iterable(
                itertools.combinations(entries, n) for n in range(len(entries))
            ):
                part = run(index(fact(path, evidence=keep)), drop=drop)
                before = {f.rule_id: f.status for f in whole.findings}
                after = {f.rule_id: f.status for f in part.findings}
                assert before.keys() == after.keys()
                for rid, status in before.items():
                    assert RANK.get(after[rid], 3) >= RANK.get(status, 3), (kinds, keep, rid)


def test_any_region_is_shown_as_any_not_as_every_code() -> None:
    from aiprocure.model.countries import ASSIGNED

    declaration, doc = load("domestic-low-risk.yaml")
    assert declaration.data_locations is not None
    locations = declaration.data_locations.model_copy(update={"processing": sorted(ASSIGNED)})
    declaration = declaration.model_copy(update={"data_locations": locations})
    any_note = note("data_locations.processing", NoteKind.ANY_REGION.value, line=26)
    facts = index(fact("data_locations.processing", line=26, notes=(any_note,)))
    report = assess(COMPILED, declaration, file="d.yaml", doc=with_facts(doc, facts))
    f = finding(report, FA4)
    assert f.status is Status.FAIL
    assert f.observed["data_locations.processing"] == "any"
    assert f.any_region == ["data_locations.processing"]
    [n] = report.fact_notes
    assert n.kind == "any_region"
    assert FA4 in n.rules


def test_old_declaration_and_old_or_undated_evidence_are_notices_only() -> None:
    old = evidence("DPA", "contract", line=27, date="2020-01-01")
    undated = evidence("Spec", "vendor_documentation", line=28)
    facts = index(fact("data_locations.storage", evidence=(old, undated)))
    plain = run(facts)
    judged = run(facts, today=date(2028, 1, 1))
    assert [f.status for f in plain.findings] == [f.status for f in judged.findings]
    assert judged.risk_level is plain.risk_level
    kinds = [(n.kind, n.path) for n in judged.notices]
    assert ("declaration_old", "declared_on") in kinds
    assert ("evidence_old", "data_locations.storage") in kinds
    assert ("evidence_undated", "data_locations.storage") in kinds
    declared = next(n for n in judged.notices if n.kind == "declaration_old")
    assert (declared.date, declared.limit_days, declared.line) == ("2026-10-01", 365, 4)
    assert declared.age_days == (date(2028, 1, 1) - date(2026, 10, 1)).days
    # without an assessment date no age is judged; the undated entry is still noted
    assert {n.kind for n in plain.notices} == {"evidence_undated"}
    # the section evidence of a 2.0 file without a date is noted too, at its position
    assert ("evidence_undated", "data_locations") in {(n.kind, n.path) for n in plain.notices}


def test_age_limits_come_from_the_rule_set() -> None:
    declaration, doc = load("domestic-low-risk.yaml")
    strict = dataclasses.replace(RULESET, declaration_max_age_days=30, evidence_max_age_days=10)
    report = assess(
        api.compiled_ruleset(strict), declaration, file="d.yaml", doc=doc, today=date(2026, 12, 1)
    )
    old = [(n.kind, n.limit_days) for n in report.notices if n.kind != "evidence_undated"]
    assert old == [("declaration_old", 30)]
    lenient = assess(COMPILED, declaration, file="d.yaml", doc=doc, today=date(2026, 12, 1))
    assert all(n.kind == "evidence_undated" for n in lenient.notices)  # no age over the limit


def test_a_1_0_declaration_gets_no_undated_notice() -> None:
    facts = index(fact("data_locations.storage", evidence=(evidence("Spec", "unspecified"),)))
    assert not run(dataclasses.replace(facts, version="1.0")).notices


def test_evidence_files_are_inputs_with_their_digests() -> None:
    declared = EvidenceFile(path="evidence/dpa.pdf", sha256="ab" * 32, size=10, declared=True)
    computed = EvidenceFile(path="evidence/list.csv", sha256="cd" * 32, size=5, declared=False)
    entry = evidence("ISMAP list", "certification", line=93, file="evidence/list.csv")
    facts = index(fact("security.ismap", evidence=(entry,)), files=(declared, computed))
    declaration, doc = load("domestic-low-risk.yaml")
    report = assess(COMPILED, declaration, file="decl/d.yaml", doc=with_facts(doc, facts))
    files = [(d.path, d.sha256, d.declared) for d in report.inputs if d.kind == "evidence"]
    assert files == [
        ("decl/evidence/dpa.pdf", "ab" * 32, True),
        ("decl/evidence/list.csv", "cd" * 32, False),
    ]
    [n] = [n for n in report.notices if n.kind == "digest_not_declared"]
    assert (n.file, n.path, n.document, n.line) == (
        "evidence/list.csv",
        "security.ismap",
        "ISMAP list",
        93,
    )


def test_a_list_item_finding_reads_only_its_own_item() -> None:
    first = condition("sub_processors.entities[0].locations", "by_configuration", ["JP"], line=33)
    facts = index(fact("sub_processors.entities[0].locations", line=33, conditions=(first,)))
    report = run(facts)
    [listed] = report.acceptance_conditions
    readers = set(listed.rules)
    assert readers, "some rule reads the sub-processors' locations"
    for f in report.findings:
        if f.rule_id in readers:
            assert [c.path for c in f.conditions] == ["sub_processors.entities[0].locations"]
