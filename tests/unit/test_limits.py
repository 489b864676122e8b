"""Bounded work for any input (issue 13): expanded characters, list items, integer digits.

The limits are module constants documented in ``docs/limits.md``; every shipped example, pack and
the benchmark's generated declarations stay far below them (measured: 37,754 characters, 32 items,
largest number 2,021). Exact English lines for the corpus files are in ``test_bad_inputs.py``; the
Japanese ones are here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from aiprocure.cli import app
from aiprocure.errors import InputError
from aiprocure.sources.yamlsrc import (
    MAX_EXPANDED_CHARS,
    MAX_INT_DIGITS,
    MAX_LIST_ITEMS,
    parse,
)

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "bad"
runner = CliRunner()

JA = {
    "big-int-400-zeros.yaml": ["3:16: 整数が 401 桁あります。上限は 18 桁です"],
    "big-int-5000-digits.yaml": ["3:16: 整数が 5000 桁あります。上限は 18 桁です"],
    "big-float.yaml": ["3:29: 数値が大きすぎます"],
    "alias-expanded-chars.yaml": [
        "3:26: 展開すると 1048576 文字を超えます（エイリアスの多重展開の疑い）"
    ],
    "list-too-long.yaml": ["1004:7: リストの項目が 1001 個あります。上限は 1000 個です"],
}


@pytest.mark.parametrize("name", sorted(JA))
def test_limits_in_japanese(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    path = f"tests/bad/{name}"
    result = runner.invoke(app, ["validate", "--lang", "ja", path], env={"LANG": "C"})
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"{path}:{line}" for line in JA[name]]


def expanded_chars(value: Any) -> int:
    """Characters of every key and text value, as the builder counts them."""
    if isinstance(value, dict):
        return sum(len(k) + expanded_chars(v) for k, v in value.items())
    if isinstance(value, list):
        return sum(expanded_chars(v) for v in value)
    return len(value) if isinstance(value, str) else 0


def longest_list(value: Any) -> int:
    if isinstance(value, dict):
        return max((longest_list(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return max([len(value), *(longest_list(v) for v in value)])
    return 0


def test_limits_have_a_wide_margin_over_shipped_files() -> None:
    files = [*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("checklists/*.yaml")]
    assert files
    for path in files:
        data = parse(str(path), path.read_bytes()).data
        assert expanded_chars(data) * 15 < MAX_EXPANDED_CHARS, path
        assert longest_list(data) * 15 < MAX_LIST_ITEMS, path


def test_exactly_at_the_limits_is_accepted() -> None:
    items = "".join(f"- {i}\n" for i in range(MAX_LIST_ITEMS))
    assert len(parse("x", f"a:\n{items}".replace("- ", "  - ").encode()).data["a"]) == (
        MAX_LIST_ITEMS
    )
    assert parse("x", b"a: " + b"9" * MAX_INT_DIGITS).data["a"] == int("9" * MAX_INT_DIGITS)
    assert parse("x", b"a: -1_000").data["a"] == -1000


def test_negative_and_underscored_digits_are_counted() -> None:
    with pytest.raises(InputError) as info:
        parse("x", b"a: -" + b"1_" * 19 + b"1")
    assert str(info.value) == "x:1:4: integer has 20 digits; the limit is 18"


def test_expanded_characters_are_counted_through_nested_aliases() -> None:
    # 4 levels of 10 aliases of a 20-character string: 200,000 characters from 300 bytes
    text = (
        'a: &a "' + "y" * 20 + '"\n'
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    )
    doc = parse("x", text.encode(), max_chars=300_000)
    assert expanded_chars(doc.data) <= 300_000
    with pytest.raises(InputError) as info:
        parse("x", text.encode(), max_chars=100_000)
    assert re.fullmatch(
        r"x:1:4: document expands to more than 100000 characters \(alias bomb\?\)",
        str(info.value),
    )


_scalar = st.text(alphabet="abcxyz", min_size=0, max_size=40)


@st.composite
def _aliased_yaml(draw: st.DrawFn) -> str:
    """Anchors over small values, then lists of aliases to earlier anchors: amplification."""
    lines = []
    for i in range(draw(st.integers(1, 4))):
        if i == 0:
            lines.append(f'k0: &a0 "{draw(_scalar)}"')
        else:
            refs = draw(st.lists(st.integers(0, i - 1), min_size=1, max_size=12))
            lines.append(f"k{i}: &a{i} [" + ", ".join(f"*a{r}" for r in refs) + "]")
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_aliased_yaml(), st.integers(10, 3000), st.integers(1, 20))
def test_accepted_input_never_expands_beyond_the_limits(
    text: str, max_chars: int, max_items: int
) -> None:
    try:
        doc = parse("p", text.encode(), max_chars=max_chars, max_items=max_items)
    except InputError as exc:
        refused = [p.message for p in exc.problems]
    else:
        refused = []
    if refused:
        assert len(refused) == 1
        assert re.search(r"(characters|items|nodes)\b", refused[0])
        return
    assert expanded_chars(doc.data) <= max_chars
    assert longest_list(doc.data) <= max_items


def _amplified(n: int) -> str:
    """A declaration whose ``n`` evidence items and ``n`` certifications alias one 500-character
    text: ``2 * n * 500`` characters once expanded, from a file of about ``14 * n`` bytes."""
    lines = ['schema_version: "1.0"', "vendor:", "  name: Acme", "  evidence:"]
    if n:
        lines.append('    - document: &d "' + "x" * 500 + '"')
        lines += ["    - document: *d"] * (n - 1)
        lines += ["security:", "  certifications:"] + ["    - *d"] * n
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("fmt", ["json", "markdown", "terminal", "sarif", "html"])
def test_output_stays_a_small_multiple_of_the_expanded_input(tmp_path: Path, fmt: str) -> None:
    """Measured at the limit (2,000 aliases of 500 characters, 1,000,000 characters): at most
    1.24 MB of output (JSON), 3.8 s and 56 MB RSS per format. Here a quarter of that."""
    base = tmp_path / "base.yaml"
    base.write_text(_amplified(0), encoding="utf-8")
    big = tmp_path / "big.yaml"
    big.write_text(_amplified(250), encoding="utf-8")
    expanded = expanded_chars(parse(str(big), big.read_bytes()).data)
    assert expanded >= 250_000
    sizes = []
    for path in (base, big):
        result = runner.invoke(
            app,
            ["check", str(path), "--format", fmt, "--no-config", "--width", "100"],
            env={"LANG": "C", "SOURCE_DATE_EPOCH": ""},
        )
        assert result.exit_code in (0, 1), result.stderr
        sizes.append(len(result.stdout))
    assert sizes[1] - sizes[0] <= 2 * expanded
