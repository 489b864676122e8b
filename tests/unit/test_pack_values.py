"""A rule pack's countries and numbers are validated like a declaration's and a configuration's:
country codes as ``model.common.Country`` (jurisdictions, lists of countries, ``home_country``),
parameters and bounds in the range of configuration parameters (``Threshold``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aiprocure import api
from aiprocure.errors import InputError, Problem

HEAD = """\
checklist:
  id: custom
  version: "1"
  title: {ja: 独自, en: Custom}
"""
RULE = """\
rules:
  - id: CUSTOM-001
    category: custom
    severity: low
    title: {ja: 題, en: Title}
    rationale: {ja: 理由, en: Why}
    remediation: {ja: 対処, en: Fix}
    provenance: tool
    references: [{source: DS-920}]
"""


def _problems(tmp_path: Path, text: str) -> list[Problem]:
    pack = tmp_path / "pack.yaml"
    pack.write_text(HEAD + text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        api.load_checklist_docs([pack])
    return info.value.problems


HINT_EN = "'UK' is not an ISO 3166-1 alpha-2 country code; did you mean 'GB'?"
HINT_JA = "'UK' は ISO 3166-1 alpha-2 の国コードではありません。'GB' の誤りではありませんか？"


@pytest.mark.parametrize(
    ("text", "line", "col", "where"),
    [
        ("lists:\n  domestic_countries: [JP, UK]\n", 6, 28, "lists.domestic_countries[1]"),
        (
            "jurisdictions:\n  - country: UK\n    name: {ja: 英国, en: UK}\n"
            "    compelled_access: false\n",
            6,
            5,
            "jurisdictions[0].country",
        ),
        (
            RULE + "    check: {predicate: {name: no_foreign_access_data, "
            "args: {home_country: UK}}}\n",
            14,
            62,
            "rules[0].check.predicate.args.home_country",
        ),
    ],
    ids=["country-list", "jurisdiction", "home_country"],
)
def test_a_pack_country_is_an_iso_code_with_the_hint(
    tmp_path: Path, text: str, line: int, col: int, where: str
) -> None:
    (problem,) = _problems(tmp_path, text)
    assert (problem.line, problem.col) == (line, col), problem
    assert where in problem.message
    assert HINT_EN in problem.message
    assert problem.ja is not None
    assert HINT_JA in problem.ja


def test_a_list_not_of_countries_takes_any_value(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(HEAD + "lists:\n  domestic_regions: [UK, EU, 3]\n", encoding="utf-8")
    ((checklist, _),) = api.load_checklist_docs([pack])
    assert checklist.lists["domestic_regions"] == ["UK", "EU", 3]


PARAMETER = "parameters:\n  p:\n    default: {}\n    description: {{ja: 閾値, en: Threshold}}\n"


def bound(value: object) -> str:
    return RULE + f"    check: {{at_least: {{field: retention.log_days, value: {value}}}}}\n"


@pytest.mark.parametrize(
    ("text", "line", "col", "message"),
    [
        (PARAMETER.format(10**30), 7, 14, "integer has 31 digits; the limit is 18"),
        (
            PARAMETER.format(10**12),
            7,
            5,
            "parameters.p.default: write 1000000 or less",
        ),
        (
            PARAMETER.format("1.5e+300"),
            7,
            5,
            "parameters.p.default: write 1000000 or less",
        ),
        (
            PARAMETER.format(-1),
            7,
            5,
            "parameters.p.default: write 0 or more",
        ),
        (PARAMETER.format("true"), 7, 5, "parameters.p.default: write a number"),
        (bound(10**30), 14, 58, "integer has 31 digits; the limit is 18"),
        (
            bound(10**12),
            14,
            51,
            "rules[0].check.at_least.value: write 1000000 or less",
        ),
        (
            bound(-1),
            14,
            51,
            "rules[0].check.at_least.value: write 0 or more",
        ),
    ],
    ids=[
        "parameter-10**30",
        "parameter-10**12",
        "parameter-1e300",
        "parameter-negative",
        "parameter-bool",
        "bound-10**30",
        "bound-10**12",
        "bound-negative",
    ],
)
def test_a_pack_number_out_of_range_is_a_positioned_error(
    tmp_path: Path, text: str, line: int, col: int, message: str
) -> None:
    problem = _problems(tmp_path, text)[0]  # a bool fails both int and float
    assert (problem.line, problem.col) == (line, col), problem
    assert problem.message.startswith(message), problem
    assert problem.ja
