"""Golden terminal reports for every bundled example, in both languages.

Regenerate after an intended change with ``pytest --update-goldens`` and read the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aiprocure import api
from aiprocure.model.common import Lang
from aiprocure.render import terminal

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parents[1] / "golden" / "terminal"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_terminal_golden(
    example: Path, lang: Lang, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # reports name the declaration as given: keep it relative
    report = api.assess_file(Path("examples") / example.name, api.load_checklists())
    text = terminal.render([report], lang, width=100)
    golden = GOLDEN / f"{example.stem}.{lang.value}.txt"
    if request.config.getoption("--update-goldens", default=False):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"missing golden {golden}; run pytest --update-goldens"
    assert text == golden.read_text(encoding="utf-8")
