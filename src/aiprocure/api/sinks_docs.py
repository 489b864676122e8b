"""The sinks of the documents that name the whole batch — HTML, Markdown and SARIF — streamed or
held in a bounded form rather than keeping every report until ``close``:

* HTML: each declaration's page style, contents row and section are written as it is assessed to
  spooled temporary files (``api.sinks.spool``: memory up to a size, then disk); the head, which names
  every declaration, is written at ``close``, followed by the spooled pieces;
* Markdown: without a size limit (``-o`` files) each section is written as it is assessed; with
  one (a pull-request comment) the comment keeps no more than its limit (``render.markdown``);
* SARIF: each result's text and each report's summary go to spooled files as it is assessed, with
  only a result's sort key and position kept in memory; the log is put together at ``close``.
"""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import IO, TYPE_CHECKING

from aiprocure.api.sinks import SPOOL, Out, Sink, lines_of, notices, report_of, spool
from aiprocure.errors import Problem
from aiprocure.model.common import Lang
from aiprocure.render.options import RenderOptions

if TYPE_CHECKING:
    from aiprocure.api.sinks import Item
    from aiprocure.render.sarif import ResultKey


def copy(source: IO[bytes], out: Out) -> None:
    """A spooled file to ``out`` in blocks of whole lines (``api.sinks.lines_of``)."""
    for block in lines_of(source):
        out(block)


class HtmlSink(Sink):
    """The meeting pack (``render.html.Pack``), its pieces spooled as reports come."""

    def __init__(self, out: Out, lang: Lang) -> None:
        from aiprocure.render.html import Pack

        self._out = out
        self._pack = Pack(lang)
        self._files: tuple[IO[bytes], IO[bytes], IO[bytes]] | None = None  # at the first report

    def add(self, item: Item) -> None:
        if self._files is None:  # a run refused before its first report opens no file
            self._files = (spool(1 << 20), spool(1 << 20), spool())
        styles, rows, sections = self._files
        style, row, section = self._pack.add(report_of(item))
        styles.write(style.encode())
        rows.write(row.encode())
        sections.write(section.encode())

    def close(self) -> None:
        from aiprocure.render.html import TAIL

        if self._files is None:
            return
        pack, out = self._pack, self._out
        with contextlib.ExitStack() as stack:
            styles, rows, sections = (stack.enter_context(f) for f in self._files)
            out(pack.opening().encode())
            copy(styles, out)
            out(pack.contents_start().encode())
            if pack.count > 1:
                copy(rows, out)
            out(pack.contents_end().encode())
            copy(sections, out)
            out(TAIL.encode())


class MarkdownSink(Sink):
    """The comment (``render.markdown.Comment``): written as it goes without a limit."""

    def __init__(self, out: Out, lang: Lang, limit: int | None) -> None:
        from aiprocure.render.markdown import Comment

        self._out = out
        self._comment = Comment(lang, limit)

    def add(self, item: Item) -> None:
        self._comment.add(report_of(item))
        if ready := self._comment.take():
            self._out(ready.encode())

    def close(self) -> None:
        if self._comment.count:
            self._out(self._comment.finish().encode())


class SarifSink(Sink):
    """The SARIF log (``render.sarif.Log``), its results' texts and its reports' summaries
    spooled (``SpoolStore``); nothing is written if a limit refuses the log."""

    def __init__(self, out: Out, lang: Lang, options: RenderOptions | None) -> None:
        from aiprocure.render.sarif import Log

        self._out, self._options = out, options
        self._store = SpoolStore()
        self._log = Log(lang, options, store=self._store)

    def add(self, item: Item) -> None:
        self._log.add(report_of(item))

    def problems(self, problems: Sequence[Problem]) -> None:
        if self._options is None:  # as RenderSink: problems only with the command's options
            return
        self._log.options = replace(self._log.options, problems=notices(problems))

    def close(self) -> None:
        from aiprocure.render import sarif_ci

        log = self._log
        with self._store, spool() as doc:
            if not log.reports and not log.options.problems:
                return
            size = 0
            for piece in log.pieces():
                size += len(piece)
                doc.write(piece.encode())
            if size > sarif_ci.MAX_GZIP_BYTES:  # as render.sarif checks its text
                sarif_ci.check_gzip_size(_gzip_size(doc))
            copy(doc, self._out)


def _gzip_size(source: IO[bytes]) -> int:
    """``len(gzip.compress(data, mtime=0))`` of the file's bytes, compressed block by block."""
    source.seek(0)
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    size = 0
    while block := source.read(1 << 20):
        size += len(packer.compress(block))
    return size + len(packer.flush())


class SpoolStore:
    """A SARIF log's pieces in spooled files (``render.sarif.Store``); in memory only each
    result's sort key and where its text lies."""

    def __init__(self) -> None:
        self._files: dict[str, IO[bytes]] = {}  # opened at first use
        self._at: list[tuple[ResultKey, int, str, int, int, int]] = []

    def __enter__(self) -> SpoolStore:
        return self

    def __exit__(self, *exc: object) -> None:
        for f in self._files.values():
            f.close()

    @property
    def _texts(self) -> IO[bytes]:
        return self._file("texts", SPOOL)

    @property
    def _sums(self) -> IO[bytes]:
        return self._file("summaries", 1 << 20)

    @property
    def _waived(self) -> IO[bytes]:
        return self._file("waived", 1 << 20)

    def _file(self, name: str, size: int) -> IO[bytes]:
        f = self._files.get(name)
        if f is None:
            f = self._files[name] = spool(size)
        return f

    def keep(self, key: ResultKey, seq: int, rule: str, pre: str, post: str) -> None:
        a, b = pre.encode(), post.encode()
        self._at.append((key, seq, rule, self._texts.tell(), len(a), len(b)))
        self._texts.write(a + b)

    def sorted(self) -> Iterator[tuple[str, str, str]]:
        texts = self._texts
        for _, _, rule, at, a, b in sorted(self._at, key=lambda r: (r[0], r[1])):
            texts.seek(at)
            data = texts.read(a + b)
            yield rule, data[:a].decode(), data[a:].decode()

    def keep_summary(self, text: str) -> None:
        self._sums.write(text.encode() + b"\0")  # JSON text holds no NUL: \u0000

    def summaries(self) -> Iterator[str]:
        return _items(self._sums)

    def keep_waived(self, text: str) -> None:
        self._waived.write(text.encode() + b"\0")

    def waived(self) -> Iterator[str]:
        return _items(self._waived)


def _items(source: IO[bytes]) -> Iterator[str]:
    """The NUL-terminated texts of a spooled file, read in blocks."""
    source.seek(0)
    rest = b""
    while block := source.read(1 << 20):
        *items, rest = (rest + block).split(b"\0")
        for item in items:
            yield item.decode()
