"""Every shipped declaration exists in format 2.0, and its 1.0 original (kept in
tests/fixtures/v1/) checks with the same verdicts: the examples (and ``migrate`` writes exactly
the shipped 2.0 text from the original: deterministic, nothing edited by hand) and the verdict
cases (docs/verdict-cases/, partial declarations merged onto their base, 1.0 patch onto 1.0 base
and 2.0 patch onto 2.0 base)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aiprocure import api
from aiprocure.sources.migrate import migrate_file
from tests.migrate.helpers import merged, verdict

ROOT = Path(__file__).resolve().parents[2]
V1 = ROOT / "tests" / "fixtures" / "v1"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
CASES = sorted(  # the cases written in 1.0 before format 2.0 (19-27 are 2.0 only)
    p
    for p in (ROOT / "docs" / "verdict-cases").glob("*.yaml")
    if (V1 / "verdict-cases" / p.name).exists()
)
RULESET = api.compiled_ruleset(api.load_checklists())


def test_every_example_is_2_0_and_has_its_1_0_original() -> None:
    assert {p.name for p in EXAMPLES} == {p.name for p in V1.glob("*.yaml")}
    for path in EXAMPLES:
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["schema_version"] == "2.0"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_example_is_what_migrate_writes_from_its_original(path: Path) -> None:
    assert migrate_file(V1 / path.name) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_1_0_original_checks_like_the_example(path: Path) -> None:
    old = api.assess_file(V1 / path.name, RULESET)
    new = api.assess_file(path, RULESET)
    assert verdict(new) == verdict(old)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_the_1_0_verdict_case_checks_like_the_2_0_one(path: Path, tmp_path: Path) -> None:
    old, new = merged(V1 / "verdict-cases" / path.name), merged(path)
    assert old["schema_version"] == "1.0"
    assert new["schema_version"] == "2.0"
    reports = []
    for name, data in (("old.yaml", old), ("new.yaml", new)):
        file = tmp_path / name
        file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        reports.append(verdict(api.assess_file(file, RULESET)))
    assert reports[1] == reports[0]
