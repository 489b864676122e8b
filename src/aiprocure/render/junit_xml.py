"""The elements of a JUnit document and their text, as :mod:`xml.etree.ElementTree` indents
(``ET.indent``) and writes them (``ET.tostring(short_empty_elements=True)``): ElementTree's
generic writer (qualified names, namespaces) was most of the time of a JUnit report. Values are
XML-safe already (``render.junit.xml_text``); this only escapes ``&``, ``<`` and ``>`` (and in
attributes quotes, tabs and line breaks, as ElementTree does)."""

from __future__ import annotations

from functools import lru_cache


class Element:
    """An element: its tag, attributes (XML-safe text, in order), text and children."""

    __slots__ = ("attrib", "children", "tag", "text")

    def __init__(self, tag: str, attrib: dict[str, str], text: str | None = None) -> None:
        self.tag, self.attrib, self.text = tag, attrib, text
        self.children: list[Element | str] = []  # text: a child already written

    def set(self, key: str, value: str) -> None:
        self.attrib[key] = value

    def xml(self, level: int) -> str:
        """As ``ET.indent(el, level=level)`` then ``ET.tostring(el, short_empty_elements=True)``
        write it: children on lines of their own, indented by two spaces a level."""
        head = "<" + self.tag + "".join(f' {k}="{_attrib(v)}"' for k, v in self.attrib.items())
        if self.children:
            inner = "\n" + "  " * (level + 1)
            body = inner.join(c if isinstance(c, str) else c.xml(level + 1) for c in self.children)
            return f"{head}>{inner}{body}\n{'  ' * level}</{self.tag}>"
        if self.text:
            return f"{head}>{_cdata(self.text)}</{self.tag}>"
        return head + " />"


@lru_cache(maxsize=8192)
def _attrib(text: str) -> str:
    for raw, entity in _ATTRIB:
        if raw in text:
            text = text.replace(raw, entity)
    return text


def _cdata(text: str) -> str:
    for raw, entity in _ATTRIB[:3]:
        if raw in text:
            text = text.replace(raw, entity)
    return text


_ATTRIB = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("\r", "&#13;"),
    ("\n", "&#10;"),
    ("\t", "&#09;"),
)
