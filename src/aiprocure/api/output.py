"""Output sinks: one interface for every report format, whoever writes the document.

``open_sink(format, out, lang)`` gives a ``Sink``: ``add(report)`` as reports are assessed,
``close()`` once at the end, which hands the document to ``out`` (standard output, a file) if any
report was added. JSON streams: each report becomes its bytes as it is added and, when every
report comes from one session, is handed to ``out`` at once (``out`` is then called several
times), so a batch keeps neither reports nor the document; a JSON sink also lets worker
processes render their reports themselves (``prerender``), through the very code it would run. The other formats
need the whole batch at once (a summary, a table of rules) and keep the reports until ``close``.
Sinks never decide the CI gate: a pre-rendered report carries the status ``Gate`` gave it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from aiprocure.errors import Problem
from aiprocure.gate import FailOn, Gate
from aiprocure.model.checklist import Severity
from aiprocure.model.common import Lang
from aiprocure.model.findings import Report
from aiprocure.render import Format, render_bytes, terminal_batch
from aiprocure.render.options import Notice, RenderOptions
from aiprocure.render.terminal_batch import Details, Row, wants_details

if TYPE_CHECKING:  # render.json_ builds models: imported when a run writes JSON
    from typing import TypeAlias

    from aiprocure.render.json_ import JsonPiece

    Item: TypeAlias = Report | JsonPiece  # what a sink is fed: a report, or one a worker rendered

Out = Callable[[bytes | str], None]  # where a finished document goes


@dataclass(frozen=True, slots=True)
class TerminalStyle:
    """How the terminal report is laid out on a console (files get the plain default)."""

    width: int = 100
    color: bool = False
    show_waived: bool = True
    mode: str = "full"  # "compact" or "quiet": render.compact, for hooks and CI logs
    show: Severity = Severity.INFO  # the least severe open finding compact output shows
    gate: RenderOptions | None = None  # the gate of compact and quiet output and batch rows
    details: Details = Details.AUTO  # several declarations: whose full report follows the table


@dataclass(frozen=True, slots=True)
class Prerender:
    """What a worker process does with each report it assessed: renders it as a JSON sink would
    (its line of the document) with the gate's status for it. Sent to each worker once."""

    gate: Gate

    def __call__(self, report: Report, *, with_rules: bool, keep_report: bool) -> JsonPiece:
        from aiprocure.render.json_ import piece_of

        return piece_of(
            report, status=self.gate(report), with_rules=with_rules, keep_report=keep_report
        )


class Sink(ABC):
    """The interface: ``add`` each report, then ``close`` once."""

    @abstractmethod
    def add(self, item: Item) -> None: ...

    @abstractmethod
    def close(self) -> None: ...

    def problems(self, problems: Sequence[Problem]) -> None:  # noqa: B027 - optional hook
        """The files that could not be assessed, told once before ``close`` (most formats only
        list reports; SARIF, JUnit and GitHub annotations report these too)."""

    def prerender(self, gate: Gate) -> Prerender | None:
        """How workers may pre-render this sink's reports (None: send the reports themselves)."""
        del gate
        return None


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


class _Buffered(Sink):
    """A format that needs every report at once: they are kept until ``close``."""

    def __init__(self) -> None:
        self.reports: list[Report] = []

    def add(self, item: Item) -> None:
        if not isinstance(item, Report):  # pragma: no cover - only a JsonSink asks for pieces
            raise TypeError("a pre-rendered report reached a sink that renders its own")
        self.reports.append(item)


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
        self._problems = tuple(Notice(p.path, p.line, p.col, p.message, p.ja) for p in problems)

    def close(self) -> None:
        options = self._options
        if options is not None and self._problems:
            options = replace(options, problems=self._problems)
        if self.reports or (
            options is not None and self._problems and self._fmt in _PROBLEM_FORMATS
        ):
            self._out(render_bytes(self._fmt, self.reports, self._lang, options))


class TerminalSink(_Buffered):
    """The terminal report laid out for a console (width, colour, waived findings or not).

    Several declarations get the batch view (``render.terminal_batch``): a summary line per
    file, kept as a small row as each report arrives, and the full report of the files
    ``style.details`` asks for, rendered as they arrive; the reports themselves are not kept
    (``--compact`` and ``--quiet`` still keep them: their renderer takes the whole batch)."""

    def __init__(self, out: Out, lang: Lang, style: TerminalStyle) -> None:
        super().__init__()
        self._out, self._lang, self._style = out, lang, style
        opts = style.gate or RenderOptions()
        fail_on = FailOn.NEVER if opts.threshold is None else FailOn(opts.threshold.value)
        self._gate = Gate(fail_on, opts.fail_on_review)
        self._first: Report | None = None  # a lone declaration keeps its full report (auto)
        self._rows: list[Row] = []
        self._details: list[str] = []
        self._shown_failing = 0
        self._hidden = 0

    def add(self, item: Item) -> None:
        if self._style.mode != "full":
            super().add(item)
            return
        if not isinstance(item, Report):  # pragma: no cover - only a JsonSink asks for pieces
            raise TypeError("a pre-rendered report reached a sink that renders its own")
        if not self._rows and self._first is None and self._style.details is Details.AUTO:
            self._first = item
            return
        if self._first is not None:
            self._take(self._first)
            self._first = None
        self._take(item)

    def _take(self, report: Report) -> None:
        fails = bool(self._gate(report))
        self._rows.append(Row.of(report, fails=fails))
        if wants_details(self._style.details, fails, self._shown_failing):
            self._details.append(self._detail(report))
            self._shown_failing += fails
        elif fails:
            self._hidden += 1

    def _detail(self, report: Report) -> str:
        from aiprocure.render import terminal

        style = self._style
        if style.show is not Severity.INFO:  # a display filter: scores and the gate unchanged
            report = _shown(report, style.show)
        return terminal.render(
            [report],
            self._lang,
            width=style.width,
            color=style.color,
            show_waived=style.show_waived,
        )

    def close(self) -> None:
        style = self._style
        if style.mode != "full":
            if self.reports:
                from aiprocure.render import compact

                self._out(
                    compact.render(
                        self.reports,
                        self._lang,
                        options=style.gate,
                        quiet=style.mode == "quiet",
                        show=style.show,
                    )
                )
            return
        if self._first is not None:  # one declaration: its full report, as ever
            self._out(self._detail(self._first))
        elif self._rows:
            details = Details.AUTO if self._style.details is Details.AUTO else None
            self._out(
                terminal_batch.render(
                    self._rows,
                    self._details,
                    self._lang,
                    hidden=self._hidden if details else 0,
                    color=style.color,
                )
            )


def _shown(report: Report, show: Severity) -> Report:
    from aiprocure.model.findings import OPEN

    kept = [f for f in report.findings if f.status not in OPEN or f.severity.rank >= show.rank]
    return report.model_copy(update={"findings": kept})


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
    return RenderSink(fmt, out, lang, options)
