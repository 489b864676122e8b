"""The sinks of the documents that name the whole batch — HTML, Markdown and SARIF — streamed or
held in a bounded form rather than keeping every report until ``close``:

* HTML: each declaration's page style, contents row and section are written as it is assessed to
  spooled temporary files (memory up to ``SPOOL`` bytes each, then disk); the head, which names
  every declaration, is written at ``close``, followed by the spooled pieces;
* Markdown: without a size limit (``-o`` files) each section is written as it is assessed; with
  one (a pull-request comment) the comment keeps no more than its limit (``render.markdown``);
* SARIF: each result's text and each report's summary go to spooled files as it is assessed, with
  only a result's sort key and position kept in memory; the log is put together at ``close``.
"""

from __future__ import annotations

import tempfile
from typing import IO, TYPE_CHECKING

from aiprocure.api.sinks import Out, Sink
from aiprocure.model.common import Lang
from aiprocure.model.findings import Report

if TYPE_CHECKING:
    from aiprocure.api.sinks import Item

SPOOL = 8 << 20  # bytes a spooled file keeps in memory before it moves to disk


def spool(size: int = SPOOL) -> IO[bytes]:
    return tempfile.SpooledTemporaryFile(max_size=size)


def copy(source: IO[bytes], out: Out) -> None:
    """A spooled file to ``out`` in blocks, each cut after a newline (a block is whole UTF-8;
    every piece written ends with a newline)."""
    source.seek(0)
    rest = b""
    while block := source.read(1 << 20):
        block = rest + block
        cut = block.rfind(b"\n") + 1
        rest = block[cut:]
        if cut:
            out(block[:cut])
    if rest:
        out(rest)


def _report(item: Item) -> Report:
    if not isinstance(item, Report):  # pragma: no cover - only a JsonSink asks for pieces
        raise TypeError("a pre-rendered report reached a sink that renders its own")
    return item


class HtmlSink(Sink):
    """The meeting pack (``render.html.Pack``), its pieces spooled as reports come."""

    def __init__(self, out: Out, lang: Lang) -> None:
        from aiprocure.render.html import Pack

        self._out = out
        self._pack = Pack(lang)
        self._styles, self._rows, self._sections = spool(1 << 20), spool(1 << 20), spool()

    def add(self, item: Item) -> None:
        style, row, section = self._pack.add(_report(item))
        self._styles.write(style.encode())
        self._rows.write(row.encode())
        self._sections.write(section.encode())

    def close(self) -> None:
        from aiprocure.render.html import TAIL

        pack, out = self._pack, self._out
        with self._styles, self._rows, self._sections:
            if not pack.count:
                return
            out(pack.opening().encode())
            copy(self._styles, out)
            out(pack.contents_start().encode())
            if pack.count > 1:
                copy(self._rows, out)
            out(pack.contents_end().encode())
            copy(self._sections, out)
            out(TAIL.encode())


class MarkdownSink(Sink):
    """The comment (``render.markdown.Comment``): written as it goes without a limit."""

    def __init__(self, out: Out, lang: Lang, limit: int | None) -> None:
        from aiprocure.render.markdown import Comment

        self._out = out
        self._comment = Comment(lang, limit)

    def add(self, item: Item) -> None:
        self._comment.add(_report(item))
        if ready := self._comment.take():
            self._out(ready.encode())

    def close(self) -> None:
        if self._comment.count:
            self._out(self._comment.finish().encode())
