"""An indentation error points at the line that is wrong: a key moved left (to column 1, say)
is valid YAML on its own line, and the parser only stops on the line after it."""

from __future__ import annotations

import pytest

from aiprocure.errors import InputError
from aiprocure.sources.yamlsrc import parse


def _first(text: str) -> tuple[int, int, str]:
    with pytest.raises(InputError) as info:
        parse("d.yaml", text.encode())
    p = info.value.problems[0]
    return p.line, p.col, p.message


@pytest.mark.parametrize(
    "text",
    [
        "vendor:\n  name: X\n  country: JP\nhas_parent_company: false\n  evidence: []\n",
        "vendor:\nname: X\n  country: JP\n",
        "a: 1\nvendor:\n  name: X\n  # a comment\n\nhas_parent_company: false\n  evidence: []\n",
    ],
)
def test_a_key_moved_left_is_the_line_reported(text: str) -> None:
    lines = text.splitlines()
    moved = next(i for i, line in enumerate(lines, 1) if line.startswith(("has_", "name")))
    line, col, message = _first(text)
    assert (line, col) == (moved, 1)
    assert "indent" in message


def test_an_over_indented_line_is_reported_where_it_is() -> None:
    line, _, message = _first("vendor:\n  name: X\n  country: JP\n    has_parent_company: false\n")
    assert line == 4
    assert message == "YAML syntax error: mapping values are not allowed in this context"
