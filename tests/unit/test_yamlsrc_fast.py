"""The fast paths of the YAML source give the same answers as the general ones.

The builder recognises plain text by its first character, counts nodes in the parent's loop and keeps
the parser's marks instead of positions; ``read_bytes`` stats once and reads what the file holds.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from aiprocure.errors import InputError
from aiprocure.sources.load import read_bytes
from aiprocure.sources.yamlsrc import Pos, parse


def _err(raw: bytes, **limits: int) -> list[str]:
    with pytest.raises(InputError) as info:
        parse("f.yaml", raw, **limits)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("plain", "expected"),
    [
        ("no", "no"),
        ("None", "None"),
        ("n", "n"),
        ("Null", None),
        ("NULL", None),
        ("nULL", "nULL"),
        ("~", None),
        ("~x", "~x"),
        ("true", True),
        ("tRue", "tRue"),
        ("False", False),
        ("f", "f"),
        ("+", "+"),
        ("-x", "-x"),
        (".", "."),
        ("+1", 1),
        ("-0", 0),
        ("1_000", 1000),
        ("012", "012"),
        ("0x1f", "0x1f"),
        ("-1.5", -1.5),
        (".5", 0.5),
        ("1e3", "1e3"),
        ("1.5e3", "1.5e3"),
        ("1.5e+3", 1500.0),
        ("x1", "x1"),
        ("Yes", "Yes"),
        ("東京", "東京"),
        ("2026-01-01", "2026-01-01"),
    ],
)
def test_plain_scalars_in_maps_and_lists(plain: str, expected: Any) -> None:
    doc = parse("f.yaml", f"k: {plain}\nl: [{plain}]\n".encode())
    assert doc.data == {"k": expected, "l": [expected]}
    assert type(doc.data["k"]) is type(expected)
    assert type(doc.data["l"][0]) is type(expected)


def test_quoted_and_tagged_scalars_stay_text() -> None:
    doc = parse("f.yaml", b"a: 'true'\nb: \"1\"\nc: !!str 2\nd: ! '3'\ne: |\n  4\n")
    assert doc.data == {"a": "true", "b": "1", "c": "2", "d": "3", "e": "4\n"}


def test_empty_plain_value_is_null() -> None:
    assert parse("f.yaml", b"a:\nb: []\n").data == {"a": None, "b": []}


def test_positions_of_root_keys_and_list_items() -> None:
    doc = parse("f.yaml", b"# c\n\ntop:\n  list:\n  - x\n  -  {k: v}\n  flow: [a,  b]\n")
    assert doc.position(()) == Pos(3, 1)
    assert doc.position(("top",)) == Pos(3, 1)
    assert doc.position(("top", "list")) == Pos(4, 3)
    assert doc.position(("top", "list", 0)) == Pos(5, 5)
    assert doc.position(("top", "list", 1)) == Pos(6, 6)
    assert doc.position(("top", "list", 1, "k")) == Pos(6, 7)
    assert doc.position(("top", "flow", 1)) == Pos(7, 14)
    assert doc.position(("top", "missing")) == Pos(1, 1)
    assert doc.position(("top", "list", 2)) == Pos(1, 1)
    assert doc.locate(("top", "list", 1, "k", "deeper")) == (Pos(6, 7), ("top", "list", 1, "k"))


def test_documents_of_the_same_bytes_are_equal() -> None:
    raw = b"a: [1, {b: 2}]\n"
    assert parse("f.yaml", raw) == parse("f.yaml", raw)
    assert parse("f.yaml", raw) != parse("f.yaml", raw + b"c: 3\n")


def test_merge_key_spellings() -> None:
    assert _err(b"<<: {a: 1}\n") == [
        "f.yaml:1:1: merge keys (<<) are not allowed; write every key out"
    ]
    assert _err(b'! "<<": 1\n') == [
        "f.yaml:1:1: merge keys (<<) are not allowed; write every key out"
    ]
    assert parse("f.yaml", b'"<<": 1\n').data == {"<<": 1}


def test_node_limit_points_at_the_first_node_too_many() -> None:
    # root, the list, 1, then 2 is the fourth node
    assert _err(b"a: [1, 2, 3]\n", max_nodes=3) == [
        "f.yaml:1:8: document expands to more than 3 nodes (alias bomb?)"
    ]
    assert _err(b"a: 1\nb: {c: 2}\n", max_nodes=3) == [
        "f.yaml:2:8: document expands to more than 3 nodes (alias bomb?)"
    ]
    assert _err(b"a: 1\n", max_nodes=0) == [
        "f.yaml:1:1: document expands to more than 0 nodes (alias bomb?)"
    ]


def test_depth_limit_counts_scalars_too() -> None:
    assert parse("f.yaml", b"a: {b: 1}\n", max_depth=2).data == {"a": {"b": 1}}
    assert _err(b"a: {b: 1}\n", max_depth=1) == ["f.yaml:1:8: nesting deeper than 1 levels"]
    assert _err(b"a: [[x]]\n", max_depth=2) == ["f.yaml:1:6: nesting deeper than 2 levels"]


def test_duplicate_key_after_an_aliased_value() -> None:
    assert _err(b"x: &v {a: 1}\ny: *v\nx: 2\n") == [
        "f.yaml:3:1: duplicate key 'x' (first defined at line 1, column 1)"
    ]


def test_read_bytes_at_and_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1234567")  # 10 bytes
    assert read_bytes(path, max_bytes=10) == b"a: 1234567"
    with pytest.raises(InputError) as info:
        read_bytes(path, max_bytes=9)
    assert str(info.value) == f"{path}:1:1: file is 10 bytes; the limit is 9"
    path.write_bytes(b"")
    assert read_bytes(path) == b""


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="no /proc")
def test_read_bytes_of_a_file_that_reports_no_size() -> None:
    path = Path("/proc/self/status")
    assert path.stat().st_size == 0
    assert read_bytes(path).startswith(b"Name:")


def test_read_bytes_through_a_file_in_place_of_a_directory(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1\n")
    with pytest.raises(InputError) as info:
        read_bytes(path / "x.yaml")
    assert str(info.value) == f"{path / 'x.yaml'}:1:1: no such file"


def test_read_bytes_of_a_symlink_loop(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    with pytest.raises(InputError) as info:
        read_bytes(loop)
    assert str(info.value) == f"{loop}:1:1: broken symbolic link (its target does not exist)"


def test_every_refused_character_is_found_past_the_byte_precheck() -> None:
    """``decode`` searches the text only when the bytes hold one that can start a refused
    character; every refused character (each code point ``_BAD_CHAR`` matches) is still found, at
    its position, and text without one passes."""
    from aiprocure.sources.yamldecode import _BAD_CHAR, decode

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    refused = _BAD_CHAR.findall(every)
    assert len(refused) == 29 + 33 + 2 + 2  # C0 (tab, LF, CR aside); DEL and C1; LS, PS; U+FFFE/F
    for char in refused:
        raw = f"a: 'x°é{char}'\n".encode()
        with pytest.raises(InputError) as info:
            decode("f.yaml", raw)
        assert info.value.problems[0].col == 8, repr(char)
    assert decode("f.yaml", "a: 'x°é…→、\u2027\ufffd'\n".encode()) == "a: 'x°é…→、\u2027\ufffd'\n"
