"""The real-vendor conditional cases of issue 12 (docs/verdict-cases/19-27, format 2.0): each
situation written as vendors' documents state it, with the verdict its conditions lead to, the
conditions of acceptance the verdict rests on, and the notes (docs/declaration-format.md sections
2 and 3). The conservative readings are asserted too: without the ministry's choice or commitment
the same facts are never a pass."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from aiprocure import api
from aiprocure.model.facts import ConditionKind, NoteKind, Resolution
from aiprocure.model.findings import Report
from aiprocure.sources.yamlsrc import Document
from tests.migrate.helpers import merged

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "docs" / "verdict-cases"
RULESET = api.compiled_ruleset(api.load_checklists())

# file: ({rule: status}, {fact: (resolution, condition kinds)}, {fact: note kinds})
EXPECTED: dict[
    str,
    tuple[
        dict[str, str], dict[str, tuple[Resolution, list[ConditionKind]]], dict[str, set[NoteKind]]
    ],
] = {
    "19-residency-regional-chosen.yaml": (
        {"DS920-FA-004": "pass"},
        {
            "data_locations.storage": (Resolution.CHOSEN, [ConditionKind.DEPENDS_ON_DEPLOYMENT]),
            "data_locations.processing": (Resolution.CHOSEN, [ConditionKind.DEPENDS_ON_DEPLOYMENT]),
        },
        {"data_locations.storage": {NoteKind.ALTERNATIVE}},
    ),
    "20-residency-no-choice.yaml": (
        {"DS920-FA-004": "fail"},
        {"data_locations.storage": (Resolution.UNION, [])},
        {"data_locations.storage": {NoteKind.UNION_TAKEN}},
    ),
    "21-any-region.yaml": (
        {"DS920-FA-004": "fail"},
        {"data_locations.logs": (Resolution.UNCONDITIONAL, [])},
        {"data_locations.logs": {NoteKind.ANY_REGION}},
    ),
    "22-human-review-off-on-approval.yaml": (
        {"DS920-PRIV-003": "pass"},
        {
            "training_use.human_review_of_customer_data": (
                Resolution.CHOSEN,
                [ConditionKind.ON_APPROVAL],
            )
        },
        {"training_use.human_review_of_customer_data": {NoteKind.ALTERNATIVE}},
    ),
    "23-zero-retention-on-request.yaml": (
        {"DS920-PRIV-002": "pass", "DS920-SEC-004": "unanswered"},
        {
            "retention.prompt_days": (Resolution.COMMITTED, [ConditionKind.ON_REQUEST]),
            "security.key_management": (Resolution.UNANSWERED, []),
        },
        {"security.key_management": {NoteKind.ALTERNATIVE}},
    ),
    "24-keys-by-customer-steps.yaml": (
        {"DS920-SEC-004": "pass"},
        {"security.key_management": (Resolution.COMMITTED, [ConditionKind.CUSTOMER_STEPS])},
        {},
    ),
    "25-retention-tiers.yaml": (
        {"DS920-PRIV-002": "fail", "DS920-DEL-002": "fail"},
        {
            "retention.prompt_days": (Resolution.EXCEPTION, []),
            "retention.deletion_days_after_termination": (Resolution.OPEN_ENDED, []),
        },
        {"retention.prompt_days": {NoteKind.EXCEPTION, NoteKind.LAW_EXCEPTION}},
    ),
    "26-ip-indemnity-with-mitigations.yaml": (
        {"DS920-IP-002": "pass"},
        {"ip.ip_indemnity": (Resolution.COMMITTED, [ConditionKind.CUSTOMER_OBLIGATION])},
        {},
    ),
    "27-certifications-at-least.yaml": (
        {"DS920-SEC-005": "fail"},
        {"security.certifications": (Resolution.UNCONDITIONAL, [])},
        {"security.certifications": {NoteKind.INCOMPLETE_LIST}},
    ),
}


def _assess(data: dict[str, Any], tmp: Path) -> tuple[Report, Document]:
    path = tmp / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    declaration, doc = api.load_declaration(path)
    return api.assess_loaded(path, declaration, doc, RULESET), doc


def _status(report: Report, rule: str) -> str:
    return str(next(f for f in report.findings if f.rule_id == rule).status)


def test_every_conditional_case_is_listed() -> None:
    names = {p.name for p in CASES.glob("*.yaml") if "19" <= p.name[:2] <= "27"}
    assert names == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_conditional_case(name: str, tmp_path: Path) -> None:
    rules, facts, notes = EXPECTED[name]
    data = merged(CASES / name)
    assert data["schema_version"] == "2.0"
    report, doc = _assess(data, tmp_path)
    for rule, status in rules.items():
        assert _status(report, rule) == status, rule
    infos = {info.path: info for info in doc.facts.facts.values()}
    for path, (resolution, kinds) in facts.items():
        assert infos[path].resolution is resolution, path
        assert [c.kind for c in infos[path].conditions] == kinds, path
    for path, wanted in notes.items():
        assert wanted <= {n.kind for n in infos[path].notes}, path


def _without(data: dict[str, Any], *path: str) -> dict[str, Any]:
    out = copy.deepcopy(data)
    node = out
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return out


@pytest.mark.parametrize(
    ("name", "path", "rule"),
    [
        (
            "19-residency-regional-chosen.yaml",
            ("data_locations", "storage", "options", 0, "chosen"),
            "DS920-FA-004",
        ),
        (
            "22-human-review-off-on-approval.yaml",
            ("training_use", "human_review_of_customer_data", "options", 1, "chosen"),
            "DS920-PRIV-003",
        ),
        (
            "23-zero-retention-on-request.yaml",
            ("retention", "prompt_days", "ministry_commits"),
            "DS920-PRIV-002",
        ),
        (
            "24-keys-by-customer-steps.yaml",
            ("security", "key_management", "ministry_commits"),
            "DS920-SEC-004",
        ),
        (
            "26-ip-indemnity-with-mitigations.yaml",
            ("ip", "ip_indemnity", "ministry_commits"),
            "DS920-IP-002",
        ),
    ],
)
def test_without_the_ministrys_choice_it_is_not_a_pass(
    name: str, path: tuple[Any, ...], rule: str, tmp_path: Path
) -> None:
    data = merged(CASES / name)
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    report, _ = _assess(data, tmp_path)
    assert _status(report, rule) in {"fail", "unanswered"}
