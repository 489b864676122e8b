"""Golden terminal reports for every bundled example, in both languages, at 80, 100 and 140
columns (the layout is planned for 80 and uses more width when there is more).

Regenerate after an intended change with ``pytest --update-goldens`` and read the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from aiprocure import api
from aiprocure.model.common import Lang
from aiprocure.render import terminal

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parents[1] / "golden" / "terminal"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
WIDTHS = (80, 100, 140)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_terminal_golden(
    example: Path,
    lang: Lang,
    width: int,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)  # reports name the declaration as given: keep it relative
    report = api.assess_file(Path("examples") / example.name, api.load_checklists())
    text = terminal.render([report], lang, width=width)
    golden = GOLDEN / f"{example.stem}.{lang.value}.{width}.txt"
    if request.config.getoption("--update-goldens", default=False):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"missing golden {golden}; run pytest --update-goldens"
    assert text == golden.read_text(encoding="utf-8")


def test_goldens_are_one_per_example_language_and_width() -> None:
    expected = {f"{e.stem}.{lang.value}.{w}.txt" for e in EXAMPLES for lang in Lang for w in WIDTHS}
    assert {p.name for p in GOLDEN.iterdir()} == expected


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.txt")), ids=lambda p: p.name)
def test_golden_has_no_cut_line_and_fits_its_width(golden: Path) -> None:
    width = int(golden.stem.rsplit(".", 1)[1])
    lines = golden.read_text(encoding="utf-8").splitlines()
    assert lines
    assert not [line for line in lines if "…" in line]
    assert max(cell_len(line) for line in lines) <= width
