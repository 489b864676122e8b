"""The CAIO tables follow the console's width (COLUMNS), wrap by cell width (a CJK character is two
cells) and never cut text: ``compare``, ``config show`` and ``inventory`` at 80 and 140 columns,
in both languages, with goldens for ``compare``."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from aiprocure.caio.tables import grid_terminal
from aiprocure.caio.wrap import console_width, wrap, wrap_hanging
from tests.caio.helpers import run
from tests.conftest import Golden

ROOT = Path(__file__).resolve().parents[2]
EX = ROOT / "examples"
BIDDERS = [
    "domestic-low-risk.yaml",
    "overseas-foreign-access.yaml",
    "citizen-facing-no-review.yaml",
]
WIDTHS = (80, 140)
LANGS = ("ja", "en")


def _fits(text: str, width: int) -> None:
    assert "…" not in text
    for line in text.splitlines():
        assert cell_len(line) <= width, line


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_compare_follows_columns(
    width: int, lang: str, golden: Golden, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run(
        "compare", *(f"examples/{b}" for b in BIDDERS), "--lang", lang, "--no-config",
        env={"COLUMNS": str(width)},
    )  # fmt: skip
    assert code == 0
    _fits(out, width)
    widest = max(cell_len(line) for line in out.splitlines())
    assert widest > width - 12  # the width is used, not a fixed 100
    golden(f"caio/compare.{lang}.{width}.txt", out)


def test_compare_width_option_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    args = ["compare", *(f"examples/{b}" for b in BIDDERS), "--lang", "ja", "--no-config"]
    _, out, _ = run(*args, "--width", "90", env={"COLUMNS": "200"})
    _fits(out, 90)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_config_show_wraps_to_columns(width: int, lang: str) -> None:
    cfg = EX / "caio" / "ministry-config.yaml"
    code, out, _ = run("config", "show", "--config", str(cfg), "--lang", lang,
                       env={"COLUMNS": str(width)})  # fmt: skip
    assert code == 0
    _fits(out, width)
    flat = "".join(out.split())
    assert "".join(f"{cfg}:17".split()) in flat  # every source is there, whole


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_inventory_list_wraps_to_columns(width: int, lang: str, tmp_path: Path) -> None:
    db = tmp_path / "inv.sqlite"
    paths = [str(EX / b) for b in BIDDERS]
    code, out, _ = run("inventory", "add", *paths, "--db", str(db), "--no-config", "--lang", lang)
    assert code == 0
    code, out, _ = run("inventory", "list", "--db", str(db), "--lang", lang,
                       env={"COLUMNS": str(width)})  # fmt: skip
    assert code == 0
    _fits(out, width)
    assert "HR-CONFIDENTIAL" in out


def test_recorded_one_assessment(tmp_path: Path) -> None:
    db = tmp_path / "inv.sqlite"
    _, out, _ = run("inventory", "add", str(EX / BIDDERS[0]), "--db", str(db), "--no-config",
                    "--lang", "en")  # fmt: skip
    assert out.startswith("Recorded 1 assessment in ")
    _, out, _ = run("inventory", "add", *(str(EX / b) for b in BIDDERS[1:]), "--db", str(db),
                    "--no-config", "--lang", "en")  # fmt: skip
    assert out.startswith("Recorded 2 assessments in ")


def test_japanese_wraps_by_cell_and_keeps_words() -> None:
    assert wrap("セキュリティ（ISMAP 等）", 16) == ["セキュリティ", "（ISMAP 等）"]
    assert wrap("HR-USERS, HR-TASK, HR-CONFIDENTIAL, X", 14) == [
        "HR-USERS,",
        "HR-TASK,",
        "HR-",
        "CONFIDENTIAL,",
        "X",
    ]
    # closing punctuation never starts a line
    for line in wrap(
        "入力・出力・ログ・利用者データを、府省庁がいつでも取り出せるようにすること。", 14
    ):
        assert line[0] not in "、。）」"
    assert wrap_hanging("waivers: a b c d e f", 10) == ["waivers: a", "    b c d", "    e f"]


def test_grid_cells_are_never_cut() -> None:
    long = "給付金案内チャットボット" * 5
    out = grid_terminal("T", ["項目", "A"], [("ラベル", [long])], width=40)
    _fits(out, 40)
    assert "".join(out.split()).count("チャットボット") == 5


def test_console_width_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    assert console_width() == 120
    assert console_width(60) == 60
    monkeypatch.setenv("COLUMNS", "20")
    assert console_width() == 40


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab /-,日本語、。（）「」ー AB12"), max_size=80),
    st.integers(min_value=4, max_value=30),
)
def test_wrap_keeps_every_character(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
