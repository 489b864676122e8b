"""Reading format 2.0 (sources.facts): each resolution rule of docs/declaration-format.md section 2
(as amended there), the effective value the model sees, where the positions point, the index a
1.0 file gets (empty), and the alternatives validated where they are written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from aiprocure import api
from aiprocure.errors import InputError
from aiprocure.model.declaration import Declaration
from aiprocure.model.facts import EMPTY, ConditionKind, NoteKind, Resolution
from aiprocure.sources.facts import read_facts
from aiprocure.sources.facts_fields import EVERY_COUNTRY
from aiprocure.sources.load import validate
from aiprocure.sources.yamlsrc import Document, parse

ROOT = Path(__file__).resolve().parents[2]


def read(text: str) -> tuple[Declaration, Document]:
    doc = parse("d.yaml", ('schema_version: "2.0"\n' + text).encode())
    read_facts(doc, None)
    return validate(doc, Declaration), doc


def value(text: str, *path: str) -> Any:
    _, doc = read(text)
    node: Any = doc.data
    for key in path:
        if key not in node:
            return "UNANSWERED"
        node = node[key]
    return node


def test_a_1_0_file_has_an_empty_index_and_the_same_data() -> None:
    path = ROOT / "tests" / "fixtures" / "v1" / "domestic-low-risk.yaml"
    _, doc = api.load_declaration(path)
    assert doc.facts is EMPTY
    assert doc.data == parse(str(path), path.read_bytes()).data


def test_plain_2_0_values_have_no_index_entries() -> None:
    _, doc = api.load_declaration(ROOT / "examples" / "domestic-low-risk.yaml")
    assert doc.facts.version == "2.0"
    assert dict(doc.facts.facts) == {}


@pytest.mark.parametrize(
    ("text", "expected", "resolution"),
    [
        ("{value: 30}", 30, Resolution.UNCONDITIONAL),
        ("{value: 30, when: default}", 30, Resolution.UNCONDITIONAL),
        ("{value: 0, when: on_request}", "UNANSWERED", Resolution.UNANSWERED),
        ("{value: 0, when: on_request, ministry_commits: true}", 0, Resolution.COMMITTED),
        (
            "{value: 0, when: on_request, ministry_commits: false}",
            "UNANSWERED",
            Resolution.UNANSWERED,
        ),
        ("{options: [{value: 30}]}", 30, Resolution.DEFAULT_OPTION),
        ("{options: [{value: 0, when: on_request}]}", "UNANSWERED", Resolution.UNANSWERED),
        (
            "{options: [{value: 30}, {value: 0, when: on_request, chosen: true}]}",
            0,
            Resolution.CHOSEN,
        ),
        (
            "{options: [{value: 30, chosen: true}, {value: 0, when: on_request}]}",
            30,
            Resolution.CHOSEN,
        ),
        # several options, none chosen: the largest for a capped number, default included
        ("{options: [{value: 30}, {value: 400, when: on_request}]}", 400, Resolution.UNION),
        ("{options: [{value: 30}, {value: 0, when: on_request}]}", 30, Resolution.UNION),
        ("{value: 30, exceptions: [{value: 730, detail: flagged}]}", 730, Resolution.EXCEPTION),
        ("{value: 30, exceptions: [{value: 7, detail: shorter}]}", 30, Resolution.UNCONDITIONAL),
        (
            "{value: 30, exceptions: [{value: null, detail: law, basis: law}]}",
            30,
            Resolution.UNCONDITIONAL,
        ),
        ("{value: 30, exceptions: [{value: null, detail: policy}]}", 36_500, Resolution.OPEN_ENDED),
    ],
)
def test_prompt_days_resolution(text: str, expected: Any, resolution: Resolution) -> None:
    _, doc = read(f"retention:\n  prompt_days: {text}\n")
    assert value(f"retention:\n  prompt_days: {text}\n", "retention", "prompt_days") == expected
    info = doc.facts.get(("retention", "prompt_days"))
    assert info is not None
    assert info.resolution is resolution


def test_unchosen_options_of_other_facts_are_unanswered_with_every_option_noted() -> None:
    text = (
        "security:\n  key_management:\n    options:\n"
        "      - {value: vendor_managed}\n"
        "      - {value: customer_managed, when: on_request}\n"
    )
    _, doc = read(text)
    assert "key_management" not in doc.data["security"]
    info = doc.facts.get(("security", "key_management"))
    assert info is not None
    assert [n.kind for n in info.notes] == [NoteKind.ALTERNATIVE, NoteKind.ALTERNATIVE]
    assert doc.position(("security", "key_management")) == (3, 3)  # unanswered: the wrapper


def test_log_days_exceptions_are_notes_only() -> None:
    text = "retention:\n  log_days: {value: 30, exceptions: [{value: 730, detail: flagged}]}\n"
    assert value(text, "retention", "log_days") == 30


def test_unchosen_places_are_united_and_any_absorbs() -> None:
    text = (
        "data_locations:\n  storage:\n    options:\n"
        "      - {value: [JP, US], when: depends_on_region}\n"
        "      - {value: [SG, JP], when: depends_on_region}\n"
    )
    assert value(text, "data_locations", "storage") == ["JP", "US", "SG"]
    anywhere = text.replace("[SG, JP]", "any")
    assert value(anywhere, "data_locations", "storage") == list(EVERY_COUNTRY)


def test_any_alone_is_every_country_with_a_note() -> None:
    _, doc = read("data_locations:\n  processing: any\n")
    assert doc.data["data_locations"]["processing"] == list(EVERY_COUNTRY)
    info = doc.facts.get(("data_locations", "processing"))
    assert info is not None
    assert [n.kind for n in info.notes] == [NoteKind.ANY_REGION]


def test_a_chosen_condition_is_a_condition_of_acceptance_where_its_value_is() -> None:
    text = (
        "training_use:\n  human_review_of_customer_data:\n    options:\n"
        "      - {value: true}\n"
        "      - {value: false, when: on_approval, detail: approved, chosen: true}\n"
    )
    _, doc = read(text)
    (condition,) = doc.facts.conditions()
    assert (condition.kind, condition.detail, condition.value) == (
        ConditionKind.ON_APPROVAL,
        "approved",
        False,
    )
    assert (condition.line, condition.col) == (6, 10)
    # the fact's position is the value that counts, for the findings
    assert doc.position(("training_use", "human_review_of_customer_data")) == (6, 10)


def test_fields_of_list_items_and_objects_are_facts() -> None:
    text = (
        "sub_processors:\n  entities:\n"
        "    - name: Example KK\n      country: JP\n"
        "      locations: {value: [JP, KR], when: depends_on_region, ministry_commits: true}\n"
        "system:\n  models:\n    - provider: P\n      name: M\n"
        "      hosting: {options: [{value: platform}, {value: on_premises, when: on_request, chosen: true}]}\n"
    )
    declaration, doc = read(text)
    assert declaration.sub_processors is not None
    assert declaration.sub_processors.entities is not None
    assert declaration.sub_processors.entities[0].locations == ["JP", "KR"]
    assert declaration.system is not None
    assert declaration.system.models is not None
    assert str(declaration.system.models[0].hosting) == "on_premises"
    assert doc.position(("sub_processors", "entities", 0, "locations", 1)) == (6, 31)
    paths = sorted(info.path for info in doc.facts.facts.values())
    assert paths == ["sub_processors.entities[0].locations", "system.models[0].hosting"]


def test_an_alternative_is_validated_where_it_is_written() -> None:
    text = (
        "security:\n  key_management:\n    options:\n"
        "      - {value: vendor_managed, chosen: true}\n"
        "      - {value: customer_manged, when: on_request}\n"
    )
    with pytest.raises(InputError) as caught:
        read(text)
    (problem,) = caught.value.problems
    assert (problem.line, problem.col) == (6, 10)
    assert problem.message.startswith("security.key_management.options[1].value: write one of")


def test_a_fact_carries_its_own_evidence_and_that_of_the_option_that_counts() -> None:
    text = (
        "retention:\n  prompt_days:\n    evidence: [{document: Fact, kind: contract}]\n"
        "    options:\n"
        "      - {value: 30, evidence: [{document: Default, kind: contract}]}\n"
        "      - {value: 0, when: on_request, chosen: true, evidence: [{document: ZDR, kind: contract}]}\n"
    )
    _, doc = read(text)
    info = doc.facts.get(("retention", "prompt_days"))
    assert info is not None
    assert [(e.document, e.line) for e in info.evidence] == [("Fact", 4), ("ZDR", 7)]
