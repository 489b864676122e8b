"""Wording shared by the YAML reader's errors (English and Japanese), and how untrusted text is
quoted in them."""

from __future__ import annotations


def one_line(text: str) -> str:
    return " ".join(text.split())


def short_repr(text: str, limit: int = 60) -> str:
    """``repr`` of untrusted text, cut to ``limit`` characters so one key cannot flood the output."""
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def too_deep_message(depth: int) -> tuple[str, str]:
    return f"nesting deeper than {depth} levels", f"入れ子が {depth} 段を超えています"


def tag_message(tag: str) -> tuple[str, str]:
    return (
        f"tag {short_repr(tag)} is not allowed",
        f"タグ {short_repr(tag)} は使用できません",
    )


MERGE_MESSAGE = (
    "merge keys (<<) are not allowed; write every key out",
    "マージキー（<<）は使用できません。キーをすべて書き出してください",
)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    text = line.strip()
    return bool(text) and not text.startswith("#")


def misplaced_key(text: str, line: int) -> tuple[int, int, tuple[str, str]] | None:
    """For "mapping values are not allowed" at 1-based ``line``: when that line is indented deeper
    than the ``key: value`` line before it, which is itself indented less than its siblings
    before it, or than the children of the key that opens just before it (a key moved left, to
    column 1 say), the wrong line is that key's: its position and what to write. None when the
    lines do not look like that."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    here = _indent(lines[line - 1])
    prev = next((i for i in range(line - 2, -1, -1) if _content(lines[i])), None)
    if prev is None:
        return None
    key_line = lines[prev]
    key, colon, value = key_line.strip().partition(":")
    if not colon or not value.strip() or _indent(key_line) >= here:
        return None
    before = next((i for i in range(prev - 1, -1, -1) if _content(lines[i])), None)
    if before is None:
        return None
    above = lines[before]
    opens = above.rstrip().endswith(":") and _indent(above) == _indent(key_line)
    if _indent(above) < here and not opens:  # neither a sibling nor the parent of the line
        return None
    col = _indent(key_line) + 1
    shown = short_repr(key.strip())
    return (
        prev + 1,
        col,
        (
            f"key {shown} is at column {col}, left of the keys around it (column {here + 1}), "
            f"so the indented line after it is out of place; indent {shown} to column {here + 1}",
            f"キー {shown} が {col} 桁目にあり、前後のキー（{here + 1} 桁目）より左にあるため、"
            f"次の字下げされた行が不正になっています。{shown} を {here + 1} 桁目まで字下げして"
            "ください",
        ),
    )
