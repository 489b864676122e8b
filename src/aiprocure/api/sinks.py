"""The sinks' interface (``Sink``) and the sinks that stream a format other than JSON: JUnit
(suites spooled as they come, the head with its counts written last) and the console's terminal
view (the batch view keeps a row per report, not the report). ``api.output`` opens them."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from aiprocure.errors import Problem
from aiprocure.gate import FailOn, Gate
from aiprocure.model.checklist import Severity
from aiprocure.model.common import Lang
from aiprocure.model.findings import Report
from aiprocure.render import terminal_batch
from aiprocure.render.options import Notice, RenderOptions
from aiprocure.render.terminal_batch import Details, Row, wants_details

if TYPE_CHECKING:  # render.json_ builds models: imported when a run writes JSON
    from typing import TypeAlias

    from aiprocure.render.json_ import JsonPiece

    Item: TypeAlias = Report | JsonPiece  # what a sink is fed: a report, or one a worker rendered

Out = Callable[[bytes | str], None]  # where a document goes (in pieces, for a streamed one)


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


class _Buffered(Sink):
    """A format that needs every report at once: they are kept until ``close``."""

    def __init__(self) -> None:
        self.reports: list[Report] = []

    def add(self, item: Item) -> None:
        self.reports.append(report_of(item))


SPOOL = 8 << 20  # what a spooled sink keeps in memory before it goes to a temporary file


def spool(size: int = SPOOL) -> IO[bytes]:
    import tempfile

    return tempfile.SpooledTemporaryFile(max_size=size)  # closed by its sink


def report_of(item: Item) -> Report:
    """The report a sink that renders its own was fed."""
    if not isinstance(item, Report):  # pragma: no cover - only a JsonSink asks for pieces
        raise TypeError("a pre-rendered report reached a sink that renders its own")
    return item


def notices(problems: Sequence[Problem]) -> tuple[Notice, ...]:
    """Files that could not be assessed, as the renderers take them."""
    return tuple(Notice(p.path, p.line, p.col, p.message, p.ja) for p in problems)


def lines_of(spool: IO[bytes]) -> Iterator[bytes]:
    """What was written to ``spool`` (pieces each ending with a newline), read back in blocks
    of whole lines: a block, once decoded and written, ends with a newline as a piece did."""
    spool.seek(0)
    rest = b""
    while block := spool.read(1 << 20):
        block = rest + block
        cut = block.rfind(b"\n") + 1
        rest = block[cut:]
        if cut:
            yield block[:cut]
    if rest:  # pragma: no cover - every piece written ends with a newline
        yield rest


class JunitSink(Sink):
    """JUnit, each report's ``<testsuite>`` written as it is assessed to a spooled temporary file
    (memory up to ``SPOOL`` bytes, then disk): the document's head holds the counts of every
    suite, so it is written at ``close``, followed by the suites in chunks."""

    def __init__(self, out: Out, lang: Lang, options: RenderOptions | None) -> None:
        from aiprocure.render.junit import Suites

        self._out, self._options = out, options
        self._suites = Suites(lang, options)
        self._spool = spool()
        self._count = 0

    def add(self, item: Item) -> None:
        self._spool.write(self._suites.suite(report_of(item)).encode())
        self._count += 1

    def problems(self, problems: Sequence[Problem]) -> None:
        if self._options is None:  # as RenderSink: problems only with the command's options
            return
        for notice in notices(problems):
            self._spool.write(self._suites.problem(notice).encode())
            self._count += 1

    def close(self) -> None:
        with self._spool as spooled:
            if not self._count:
                return
            self._out(self._suites.head(True).encode())
            for block in lines_of(spooled):
                self._out(block)
            self._out(self._suites.tail(True).encode())


class GithubSink(Sink):
    """GitHub annotations, each report taken as it is assessed (``render.github.Annotations``):
    only the annotations the output shows (10 of each kind) and a count per kind and file of the
    others are kept, not the reports."""

    def __init__(self, out: Out, lang: Lang, options: RenderOptions | None) -> None:
        from aiprocure.render.github import Annotations

        self._out, self._options = out, options
        self._annotations = Annotations(lang, options)
        self._count = 0

    def add(self, item: Item) -> None:
        self._annotations.add(report_of(item))
        self._count += 1

    def problems(self, problems: Sequence[Problem]) -> None:
        if self._options is None:  # as RenderSink: problems only with the command's options
            return
        for notice in notices(problems):
            self._annotations.problem(notice)
            self._count += 1

    def close(self) -> None:
        if self._count:
            self._out(self._annotations.text().encode())


class TerminalSink(_Buffered):
    """The terminal report laid out for a console (width, colour, waived findings or not).

    Several declarations get the batch view (``render.terminal_batch``): a summary line per
    file, kept as a small row as each report arrives, and the full report of the files
    ``style.details`` asks for, rendered as they arrive to a spooled temporary file (as JUnit's
    suites), written after the table; the reports themselves are not kept (``--compact`` and
    ``--quiet`` still keep them: their renderer takes the whole batch)."""

    def __init__(self, out: Out, lang: Lang, style: TerminalStyle) -> None:
        super().__init__()
        self._out, self._lang, self._style = out, lang, style
        opts = style.gate or RenderOptions()
        fail_on = FailOn.NEVER if opts.threshold is None else FailOn(opts.threshold.value)
        self._gate = Gate(fail_on, opts.fail_on_review)
        self._first: Report | None = None  # a lone declaration keeps its full report (auto)
        self._rows: list[Row] = []
        self._spool: IO[bytes] | None = None  # the full reports asked for, after the table
        self._shown_failing = 0
        self._hidden = 0

    def add(self, item: Item) -> None:
        if self._style.mode != "full":
            super().add(item)
            return
        report = report_of(item)
        if not self._rows and self._first is None and self._style.details is Details.AUTO:
            self._first = report
            return
        if self._first is not None:
            self._take(self._first)
            self._first = None
        self._take(report)

    def _take(self, report: Report) -> None:
        fails = bool(self._gate(report))
        self._rows.append(Row.of(report, fails=fails))
        if wants_details(self._style.details, fails, self._shown_failing):
            if self._spool is None:
                self._spool = spool()
            self._spool.write(("\n" + self._detail(report)).encode("utf-8", "surrogatepass"))
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
                    (),
                    self._lang,
                    hidden=self._hidden if details else 0,
                    color=style.color,
                )
            )
            if self._spool is not None:  # each piece ends with a newline, as the table does
                with self._spool as spooled:
                    for block in lines_of(spooled):
                        self._out(block.decode("utf-8", "surrogatepass"))


def _shown(report: Report, show: Severity) -> Report:
    from aiprocure.model.findings import OPEN

    kept = [f for f in report.findings if f.status not in OPEN or f.severity.rank >= show.rank]
    return report.model_copy(update={"findings": kept})
