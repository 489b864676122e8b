"""Output sinks: one interface for every report format, whoever writes the document.

``open_sink(format, out, lang)`` gives a ``Sink``: ``add(report)`` as reports are assessed,
``close()`` once at the end, which hands the document to ``out`` (standard output, a file) if any
report was added. JSON streams: each report becomes its bytes as it is added and, when every
report comes from one session, is handed to ``out`` at once (``out`` is then called several
times), so a batch keeps neither reports nor the document; a JSON sink also lets worker
processes render their reports themselves (``prerender``), through the very code it would
run. JUnit, GitHub annotations and the console's terminal view stream too (``api.sinks``), and so
do HTML, Markdown and SARIF, or hold a bounded form of the batch (``api.sinks_docs``); no format
keeps the reports until ``close``.
Sinks never decide the CI gate: a pre-rendered report carries the status ``Gate`` gave it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from aiprocure.api.sinks import (
    GithubSink,
    JunitSink,
    Out,
    Prerender,
    Sink,
    TerminalSink,
    TerminalStyle,
    _Buffered,
    notices,
)
from aiprocure.api.sinks_docs import HtmlSink, MarkdownSink, SarifSink
from aiprocure.errors import Problem
from aiprocure.gate import Gate
from aiprocure.model.common import Lang
from aiprocure.model.findings import Report
from aiprocure.render import Format, render_bytes
from aiprocure.render.options import Notice, RenderOptions

if TYPE_CHECKING:
    from aiprocure.api.sinks import Item

__all__ = [
    "Fanout",
    "JsonSink",
    "Out",
    "Prerender",
    "RenderSink",
    "Sink",
    "TerminalStyle",
    "open_sink",
]


class JsonSink(Sink):
    """JSON, rendered report by report (``render.json_.Writer``)."""

    def __init__(self, out: Out, *, one_rule_set: bool = False) -> None:
        self._out = out
        self._one_rule_set = one_rule_set
        from aiprocure.render.json_ import Writer

        self._writer = Writer(one_rule_set=one_rule_set)

    def add(self, item: Item) -> None:
        if isinstance(item, Report):
            self._writer.add(item)
        else:
            self._writer.add_piece(item)
        ready = self._writer.take()  # one session's batch: written as it goes, nothing kept
        if ready:
            self._out(ready)

    def close(self) -> None:
        if self._writer.count:
            self._out(self._writer.finish())

    def prerender(self, gate: Gate) -> Prerender | None:
        # pieces assume one rule set for every report: one session's
        return Prerender(gate) if self._one_rule_set else None


# Formats written even when no report could be made, to say why (a SARIF log without the file
# would close its alerts as fixed).
_PROBLEM_FORMATS = (Format.SARIF, Format.JUNIT, Format.GITHUB)


class RenderSink(_Buffered):
    """Any format through its renderer (``render.render_bytes``), at ``close``."""

    def __init__(
        self, fmt: Format, out: Out, lang: Lang, options: RenderOptions | None = None
    ) -> None:
        super().__init__()
        self._fmt, self._out, self._lang, self._options = fmt, out, lang, options
        self._problems: tuple[Notice, ...] = ()

    def problems(self, problems: Sequence[Problem]) -> None:
        self._problems = notices(problems)

    def close(self) -> None:
        options = self._options
        if options is not None and self._problems:
            options = replace(options, problems=self._problems)
        if self.reports or (
            options is not None and self._problems and self._fmt in _PROBLEM_FORMATS
        ):
            self._out(render_bytes(self._fmt, self.reports, self._lang, options))


class Fanout(Sink):
    """The same reports to several sinks (standard output and ``--output`` files), closed in
    the order given."""

    def __init__(self, sinks: Sequence[Sink]) -> None:
        self._sinks = list(sinks)

    def add(self, item: Item) -> None:
        for sink in self._sinks:
            sink.add(item)

    def close(self) -> None:
        for sink in self._sinks:
            sink.close()

    def problems(self, problems: Sequence[Problem]) -> None:
        for sink in self._sinks:
            sink.problems(problems)

    def prerender(self, gate: Gate) -> Prerender | None:
        return self._sinks[0].prerender(gate) if len(self._sinks) == 1 else None


def open_sink(
    fmt: Format,
    out: Out,
    lang: Lang,
    *,
    terminal: TerminalStyle | None = None,
    one_rule_set: bool = False,
    options: RenderOptions | None = None,
) -> Sink:
    """A sink writing ``fmt`` to ``out``. ``terminal``: lay the terminal format out for a console
    (else it is rendered as for a file). ``one_rule_set``: every report comes from one session,
    which lets JSON take pre-rendered reports from workers. ``options``: what the CI formats are
    told besides the reports (base directory, gate, limits)."""
    if fmt is Format.JSON:
        return JsonSink(out, one_rule_set=one_rule_set)
    if fmt is Format.TERMINAL and terminal is not None:
        return TerminalSink(out, lang, terminal)
    if fmt is Format.JUNIT:
        return JunitSink(out, lang, options)
    if fmt is Format.HTML:
        return HtmlSink(out, lang)
    if fmt is Format.MARKDOWN:
        return MarkdownSink(out, lang, options.max_chars if options else None)
    if fmt is Format.SARIF:
        return SarifSink(out, lang, options)
    if fmt is Format.GITHUB:
        return GithubSink(out, lang, options)
    return RenderSink(fmt, out, lang, options)
