"""The safe YAML source: values, positions, and every refusal with its exact position."""

from __future__ import annotations

import pytest

from aiprocure.errors import InputError
from aiprocure.sources.yamlsrc import parse


def _err(raw: bytes) -> list[str]:
    with pytest.raises(InputError) as info:
        parse("f.yaml", raw)
    return [str(p) for p in info.value.problems]


def test_scalars_resolve_yaml_1_2_style() -> None:
    doc = parse("f.yaml", b"a: [x, NO, yes, on, 2026-01-01, 1.5, ~, true, 0x10, '1']\n")
    assert doc.data == {"a": ["x", "NO", "yes", "on", "2026-01-01", 1.5, None, True, "0x10", "1"]}


def test_keys_are_text_and_positions_are_one_based() -> None:
    doc = parse("f.yaml", b"top:\n  no: 1\n  list:\n    - {k: v}\n")
    assert doc.data == {"top": {"no": 1, "list": [{"k": "v"}]}}
    assert doc.position(("top", "no")).line == 2
    assert doc.position(("top", "no")).col == 3
    assert doc.position(("top", "list", 0)).line == 4
    assert doc.position(("top", "list", 0)).col == 7
    assert doc.position(("top", "list", 0, "k")).col == 8


def test_locate_skips_segments_that_are_not_keys() -> None:
    doc = parse("f.yaml", b"rules:\n  - check:\n      equals: {field: a}\n")
    pos, found = doc.locate(("rules", 0, "check", "equals", "equals", "value"))
    assert found == ("rules", 0, "check", "equals")
    assert (pos.line, pos.col) == (3, 7)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a: 1\na: 2\n", "f.yaml:2:1: duplicate key 'a' (first defined at line 1, column 1)"),
        (
            b"s:\n  x: 1\n  x: 2\n",
            "f.yaml:3:3: duplicate key 'x' (first defined at line 2, column 3)",
        ),
        (
            b"l:\n  - {a: 1, a: 2}\n",
            "f.yaml:2:12: duplicate key 'a' (first defined at line 2, column 6)",
        ),
        (
            b"a: !!python/object/apply:os.system [ls]\n",
            "f.yaml:1:4: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        ),
        (b"a: !foo x\n", "f.yaml:1:4: tag '!foo' is not allowed"),
        (
            b"a: 1\n---\nb: 2\n",
            "f.yaml:2:1: YAML syntax error: more than one YAML document (---); put one declaration per file",
        ),
        (b"", "f.yaml:1:1: empty document; expected a YAML mapping"),
        (b"# only a comment\n", "f.yaml:1:1: empty document; expected a YAML mapping"),
        (b"a: \xc3\x28\n", "f.yaml:1:4: not valid UTF-8 (byte 0xc3); save the file as UTF-8"),
        (b"\xff\xfea\x00", "f.yaml:1:1: file is UTF-16; save it as UTF-8"),
        (b"a: b\x00c\n", "f.yaml:1:5: binary file (NUL byte); expected UTF-8 YAML text"),
        (b"a: [1,\n", "f.yaml:2:1: YAML syntax error: did not find expected node content"),
        (b"a:\n  b: \x1b[31m\n", "f.yaml:2:6: control character U+001B is not allowed"),
        (b"? [a]\n: 1\n", "f.yaml:1:3: mapping keys must be plain text"),
    ],
)
def test_refusals_are_positioned(raw: bytes, expected: str) -> None:
    assert _err(raw) == [expected]


def test_every_duplicate_is_reported_not_just_the_first() -> None:
    assert len(_err(b"a: 1\na: 2\nb:\n  c: 1\n  c: 2\n")) == 2


def test_utf8_bom_is_accepted() -> None:
    assert parse("f.yaml", b"\xef\xbb\xbfa: 1\n").data == {"a": 1}


def test_alias_bomb_is_bounded() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefg", "bcdefgh", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    problems = _err("\n".join(lines).encode())
    assert len(problems) == 1
    assert "more than 100000 nodes (alias bomb?)" in problems[0]


def test_deep_nesting_is_bounded() -> None:
    problems = _err(b"a: " + b"[" * 100 + b"]" * 100)
    assert problems == ["f.yaml:1:68: nesting deeper than 64 levels"]


def test_size_limit() -> None:
    with pytest.raises(InputError) as info:
        parse("f.yaml", b"a: " + b"x" * 100, max_bytes=50)
    assert str(info.value) == "f.yaml:1:1: file is 103 bytes; the limit is 50"
