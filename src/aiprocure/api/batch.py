"""Assess many declarations, in this process or in a pool of worker processes.

The pool pays only for large batches and several CPUs: each worker starts (fork or spawn),
receives the session once through its initializer, and sends its reports back pickled, which the
parent unpickles while the workers go on (about half the cost of assessing a file). For a
JSON sink (``check --format json``) the workers go further and send each report already rendered
as its line of the JSON document, with its gate status (``api.output.Prerender``): bytes cost the
parent next to nothing to receive.
Results come back in input order, so the output is byte for byte that of assessing one file after
another.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from aiprocure.errors import InputError, Problem
from aiprocure.model.findings import Report

if TYPE_CHECKING:  # render.json_ (its models) is imported only by a run that writes JSON
    from aiprocure.api.output import Prerender
    from aiprocure.render.json_ import JsonPiece as Piece  # a report a worker rendered

CHUNK = 16  # files per task at least: amortises a round trip, small enough to balance the load


Outcome = Report | list[Problem]  # a report, or the problems of a file that could not be assessed


class Session(Protocol):
    """What a batch needs of ``api.session.Session`` (which is defined above this module, so that
    the session may use the batch without the two importing each other)."""

    @property
    def options(self) -> _Options: ...

    def assess_file(self, path: Path) -> Report: ...


class _Options(Protocol):
    @property
    def jobs(self) -> int: ...


def cpu_count() -> int:
    """CPUs this process may run on (its affinity mask where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def effective_jobs(jobs: int, files: int) -> int:
    """Worker processes worth starting for ``files`` files (1: assess in this process).

    ``jobs`` 0 means one per CPU. A pool is used only when every worker gets more than two chunks;
    below that, starting the workers and shipping reports back costs more than it saves."""
    wanted = cpu_count() if jobs == 0 else jobs
    if wanted <= 1 or files <= 2 * wanted * CHUNK:
        return 1
    return wanted


def _one(session: Session, path: Path) -> Outcome:
    try:
        return session.assess_file(path)
    except InputError as exc:
        return exc.problems


@dataclass
class _Worker:
    """What a worker process received once, through the pool's initializer."""

    session: Session | None = None
    prerender: Prerender | None = None
    sent_rules: bool = False


_worker = _Worker()


def _init_worker(session: Session, prerender: Prerender | None = None) -> None:
    """Runs once per worker: the session (rule set, waivers) is received once, not per file."""
    _worker.session, _worker.prerender, _worker.sent_rules = session, prerender, False
    gc.disable()  # as in the parent's batch: assessing creates no reference cycles


def _work(path: Path) -> Outcome:
    assert _worker.session is not None, "worker not initialised"
    return _one(_worker.session, path)


def _work_rendered(item: tuple[int, Path]) -> Piece | Outcome:
    """Assess and pre-render one file. Every report of a worker comes from the one session, so
    its rules are sent once, with the worker's first report."""
    index, path = item
    outcome = _work(path)
    if not isinstance(outcome, Report):
        return outcome
    assert _worker.prerender is not None, "worker not initialised to render"
    piece = _worker.prerender(
        outcome,
        with_rules=not _worker.sent_rules,
        keep_report=index == 0,  # a run of one report writes it standalone
    )
    _worker.sent_rules = True
    return piece


def assess_each(
    session: Session, files: Sequence[Path], *, prerender: Prerender | None = None
) -> Iterator[Outcome | Piece]:
    """One outcome per file, in the order of ``files``, each as soon as it is ready (so that a
    caller who renders as it goes need not keep every report). ``session.options.jobs`` says how
    many worker processes may be used.

    With ``prerender``, files assessed in worker processes come back as ``Piece``s (rendered
    report and gate status) instead of reports; files assessed here always come back as reports."""
    workers = effective_jobs(session.options.jobs, len(files))
    if workers == 1:
        for path in files:
            yield _one(session, path)
        return
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing: only when used

    chunksize = max(CHUNK, len(files) // (workers * 8))
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(session, prerender)
    ) as pool:
        if prerender is None:
            yield from pool.map(_work, files, chunksize=chunksize)
        else:
            yield from pool.map(_work_rendered, enumerate(files), chunksize=chunksize)
