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
