"""`aiprocure migrate` round-trip (docs/declaration-format.md section 6): for every 1.0
declaration the project ships or tests with -- the 1.0 originals of the examples
(tests/fixtures/v1/), the verdict cases merged onto their bases, the hostile fixture, the accepted
files of the bad-input corpus and every rule case -- 1.0 -> assess and 1.0 -> migrate -> 2.0 ->
assess give the same report, positions aside (``helpers.verdict``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from aiprocure import api
from aiprocure.errors import InputError
from aiprocure.sources.migrate import migrate_file
from tests.migrate.helpers import verdict
from tests.rules.test_rule_cases import _cases, case_text

ROOT = Path(__file__).resolve().parents[2]
V1 = ROOT / "tests" / "fixtures" / "v1"
FILES = sorted(
    [
        *V1.glob("*.yaml"),
        ROOT / "tests" / "fixtures" / "hostile.yaml",
        ROOT / "tests" / "bad" / "utf-8-bom.yaml",
        ROOT / "tests" / "bad" / "country-no.yaml",
    ]
)
RULESET = api.compiled_ruleset(api.load_checklists())


def _roundtrip(old: Path, tmp: Path) -> None:
    before = api.assess_file(old, RULESET)
    text = migrate_file(old)
    assert text is not None, f"{old} is 1.0"
    new = tmp / old.name
    new.write_text(text, encoding="utf-8")
    assert migrate_file(new) is None  # 2.0 now: nothing more to do
    after = api.assess_file(new, RULESET)
    assert verdict(after) == verdict(before)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_migrate_keeps_the_report(path: Path, tmp_path: Path) -> None:
    _roundtrip(path, tmp_path)


def _inexpressible(case: dict[str, Any]) -> bool:
    """Export contents without formats (or formats without contents): 1.0 reads the contents
    alone (DS920-LOCK-001/004/005 look at them), but a 2.0 ``exit.exports`` entry needs its
    formats, so migrate refuses rather than invent them."""
    section = (case.get("declaration") or {}).get("exit") or {}
    return ("export_contents" in section) != bool(section.get("export_formats"))


@pytest.mark.slow
@pytest.mark.parametrize(("spec", "case"), _cases())
def test_migrate_keeps_every_rule_case(
    spec: dict[str, Any], case: dict[str, Any], tmp_path: Path
) -> None:
    old = tmp_path / "case.yaml"
    old.write_text(case_text(case), encoding="utf-8")
    if _inexpressible(case):
        with pytest.raises(InputError) as caught:
            migrate_file(old)
        assert "must be given together" in caught.value.problems[0].message
        return
    (tmp_path / "new").mkdir()
    _roundtrip(old, tmp_path / "new")


def test_the_v1_originals_are_1_0() -> None:
    assert len(list(V1.glob("*.yaml"))) >= 8
    for path in V1.glob("*.yaml"):
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["schema_version"] == "1.0"
