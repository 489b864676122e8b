"""Warnings for a declaration that holds invisible or direction-changing characters.

Reports show such characters visibly (``<U+E0041>``, ``\\u202e``), but a ministry reading the YAML in
an editor would not see them: tag characters can carry a whole hidden sentence, and a bidi override
makes text display in another order than it is stored. ``hidden_characters`` lists every key and text value that
holds one, at its position, for the command to print as warnings (they do not stop the check).
"""

from __future__ import annotations

from typing import Any

from aiprocure.errors import Problem
from aiprocure.model.invisible import invisible_characters
from aiprocure.sources.yamlsrc import Document, PathKey

_SHOWN = 5  # characters named per warning; the rest are counted


def hidden_characters(doc: Document) -> list[Problem]:
    """One warning per key or text value of ``doc`` that holds hidden characters, in file order."""
    found: list[Problem] = []

    def warn(path: PathKey, text: str) -> None:
        chars = invisible_characters(text)
        if not chars:
            return
        named = ", ".join(chars[:_SHOWN])
        more = len(chars) - _SHOWN
        if more > 0:
            named += f" (+{more})"
        pos = doc.position(path)
        where = _dotted(path)
        found.append(
            Problem(
                doc.path,
                pos.line,
                pos.col,
                f"{where}: hidden or invisible characters {named}; reports show them as <U+XXXX>",
                f"{where}: 見えない文字または表示順を変える文字 {named} があります。"
                "レポートでは <U+XXXX> の形で表示します",
            )
        )

    def walk(path: PathKey, value: Any) -> None:
        if isinstance(value, dict):
            for key, sub in value.items():
                warn((*path, key), key)
                walk((*path, key), sub)
        elif isinstance(value, list):
            for i, sub in enumerate(value):
                walk((*path, i), sub)
        elif isinstance(value, str):
            warn(path, value)

    walk((), doc.data)
    return sorted(set(found))


def _dotted(path: PathKey) -> str:
    out = ""
    for seg in path:
        out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else str(seg))
    return out or "(top level)"
