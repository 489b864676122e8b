"""The terminal report never cuts what a reader needs and never runs past the console's width.

Every bundled example in both languages at 80, 100 and 140 columns (and narrower), a declaration
with very long vendor text, and a very long Japanese remediation: no line holds a cut marker
("…"), no line is wider than the width, and every text of every shown finding is all there once
the line breaks are taken out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from aiprocure import api
from aiprocure.cli import app
from aiprocure.model.common import Lang, Text
from aiprocure.model.findings import Report, RiskLevel, Status
from aiprocure.render import terminal
from aiprocure.render.terminal_text import wrap_plain

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
WIDTHS = (80, 100, 140)
SPACE = re.compile(r"\s+")
LONG_JA = (
    "学習利用を「行わない」又は「府省庁が個別に同意した場合のみ（オプトイン）」と契約で定め、"
    "その条項の写しと、学習に使われないことを確認できる設定画面の記録を、契約締結前と毎年度の"
    "更新時に府省庁へ提出すること。オプトアウト方式は、既定で学習に使われる期間が生じるため"
    "認めないこと。再委託先（モデル提供者・プラットフォーム事業者を含む）にも同じ義務を課すこと。"
)


def _report(path: Path) -> Report:
    return api.assess_file(path, api.load_checklists())


def _flat(text: str) -> str:
    return SPACE.sub("", text)


def _check(report: Report, lang: Lang, width: int) -> str:
    text = terminal.render([report], lang, width=width)
    lines = text.splitlines()
    assert not [line for line in lines if "…" in line], "a cut marker"
    too_wide = [line for line in lines if cell_len(line) > width]
    assert not too_wide, too_wide
    flat = _flat(text)
    for f in report.findings:
        if f.status in (Status.FAIL, Status.UNANSWERED, Status.UNVERIFIED):
            for part in (f.title, f.message, f.remediation):
                assert _flat(part.get(lang)) in flat, (f.rule_id, part.get(lang))
            for ref in f.references:
                assert _flat(ref.source) in flat
    return text


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return {p.stem: _report(p.relative_to(ROOT)) for p in EXAMPLES}


@pytest.mark.parametrize("width", [40, 60, *WIDTHS])
@pytest.mark.parametrize("lang", list(Lang))
def test_every_example_is_whole_and_fits(
    reports: dict[str, Report], lang: Lang, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    for report in reports.values():
        _check(report, lang, width)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", list(Lang))
def test_long_vendor_text_is_wrapped_escaped_and_whole(
    tmp_path: Path, lang: Lang, width: int
) -> None:
    name = "グローバル生成AI" * 20 + "[bold red]MARKUP[/]" + "x" * 150 + " \\x1b[2J \\u202e end"
    source = (ROOT / "examples" / "overseas-foreign-access.yaml").read_text(encoding="utf-8")
    path = tmp_path / "long.yaml"
    path.write_text(
        source.replace("name: Global Generative Japan 合同会社", f'name: "{name}"'),
        encoding="utf-8",
    )
    text = _check(_report(path), lang, width)
    assert "\x1b" not in text
    assert "\u202e" not in text
    shown = "グローバル生成AI" * 20 + "[bold red]MARKUP[/]" + "x" * 150 + "\\x1b[2J\\u202eend"
    assert _flat(shown) in _flat(text)


@pytest.mark.parametrize("width", WIDTHS)
def test_long_japanese_remediation_is_whole(
    reports: dict[str, Report], width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    report = reports["overseas-foreign-access"]
    longer = Text(ja=LONG_JA, en=LONG_JA)
    findings = [f.model_copy(update={"remediation": longer}) for f in report.findings]
    text = _check(report.model_copy(update={"findings": findings}), Lang.JA, width)
    assert _flat(LONG_JA) in _flat(text)


def test_japanese_breaks_between_characters_but_not_before_closing_punctuation() -> None:
    for width in range(8, 41):
        ranges = wrap_plain(LONG_JA, width, width)
        lines = [LONG_JA[a:b] for a, b in ranges]
        assert "".join(lines) == LONG_JA  # no space to drop: every character kept
        assert all(cell_len(line) <= width for line in lines)
        assert not [line for line in lines[1:] if line[0] in "、。）」"]
        assert not [line for line in lines if line[-1] in "（「"]


def test_a_word_longer_than_the_line_is_folded_not_cut() -> None:
    word = "DS920-" + "A" * 50
    ranges = wrap_plain(f"see {word} now", 20, 20)
    lines = ["see", word[:20], word[20:40], word[40:] + " now"]
    assert [f"see {word} now"[a:b] for a, b in ranges] == lines


def test_score_bar_has_the_colour_of_its_risk_label() -> None:
    for level in RiskLevel:
        _, bar_style = terminal._bar(50, level)
        assert bar_style in terminal.RISK_STYLE[level].split(), level


def test_cli_takes_the_width_from_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    report = _report(Path("examples/domestic-low-risk.yaml"))
    for columns, width in (("80", 80), ("140", 140), ("20", 40)):  # --width's bounds hold
        result = CliRunner().invoke(
            app,
            ["check", "examples/domestic-low-risk.yaml", "--no-config", "--lang", "en"],
            env={"COLUMNS": columns, "NO_COLOR": "1", "SOURCE_DATE_EPOCH": ""},
        )
        assert result.exit_code in (0, 1), result.stderr
        assert result.stdout == terminal.render([report], Lang.EN, width=width)
