"""Issue 13, round two: pack patterns (`matches`) cannot backtrack (ReDoS): RE2, linear time."""

from __future__ import annotations

from pathlib import Path

import pytest
import re2
from typer.testing import CliRunner

from aiprocure.cli import app
from aiprocure.model.regex import PatternError, compile_pattern
from tests.conftest import REPO

PACK = REPO / "examples" / "packs" / "ministry-extra.yaml"
EVIL = r"^([A-Za-z]+\s?)*$"  # 56-89 s on a 31-character title with Python's re


def test_the_redos_pattern_is_compiled_by_re2_linear_by_construction() -> None:
    rx = compile_pattern(EVIL)
    assert type(rx).__module__.startswith("re2")  # not Python's backtracking `re`
    assert isinstance(rx, type(re2.compile("a")))
    assert rx.search("A" * 30 + "!") is None  # the 31-character title, at once
    assert rx.search("A" * 5000 + "!") is None  # the longest text a declaration may hold


@pytest.mark.parametrize("pattern", [r"(a)\1", r"foo(?=bar)", r"(?<!x)y", r"(?P<n>a)(?P=n)"])
def test_backtracking_constructs_are_refused_with_the_reason(pattern: str) -> None:
    with pytest.raises(PatternError) as info:
        compile_pattern(pattern)
    assert info.value.en.startswith("invalid regular expression: ")
    assert info.value.en.endswith(
        "(patterns are RE2 syntax, matched in linear time: no backreferences, no lookahead or "
        "lookbehind)"
    )
    assert "後方参照・先読み・後読みは使えません" in info.value.ja


def _pack(tmp_path: Path, pattern: str) -> Path:
    text = PACK.read_text(encoding="utf-8").replace(
        "check: {equals: {field: security.key_management, value: customer_managed}}",
        f"check: {{matches: {{field: vendor.name, pattern: '{pattern}'}}}}",
        1,
    )
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_lint_checklist_says_why_a_pattern_is_refused(tmp_path: Path) -> None:
    path = _pack(tmp_path, r"(a)\1")
    result = CliRunner().invoke(app, ["lint-checklist", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:")
    assert "invalid regular expression: invalid escape sequence: \\1 (patterns are RE2" in (
        result.stderr
    )


def test_the_evil_pattern_runs_in_a_check(tmp_path: Path) -> None:
    path = _pack(tmp_path, EVIL)
    decl = tmp_path / "d.yaml"
    decl.write_text(
        (REPO / "examples" / "domestic-low-risk.yaml")
        .read_text(encoding="utf-8")
        .replace("  name: さくらAIソリューションズ株式会社", "  name: " + "A" * 30 + "!", 1),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["check", str(decl), "-c", str(path), "--no-config", "--format", "json"]
    )
    assert result.exit_code in (0, 1), result.stderr
    assert '"MIN-SEC-001"' in result.stdout
