"""Assess many declarations, in this process or in a pool of worker processes.

The pool pays only for large batches and several CPUs: each worker starts (fork or spawn),
receives the session once through its initializer, and sends its reports back pickled, which the
parent unpickles while the workers go on (about half the cost of assessing a file). For
``check --format json`` the workers go further and send each report already rendered as its line
of the JSON document, with its gate status: bytes cost the parent next to nothing to receive.
Results come back in input order, so the output is byte for byte that of assessing one file after
another.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from aiprocure.caio.session import Session
from aiprocure.errors import InputError, Problem
from aiprocure.gate import FailOn, exit_code
from aiprocure.model.findings import Report
from aiprocure.render.json_ import JsonPiece

CHUNK = 16  # files per task at least: amortises a round trip, small enough to balance the load

Outcome = Report | list[Problem]  # a report, or the problems of a file that could not be assessed
Gate = tuple[FailOn, bool]  # --fail-on and --fail-on-review


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


def _one(session: Session, path: Path, generated_at: str | None) -> Outcome:
    try:
        return session.assess(path, generated_at=generated_at)
    except InputError as exc:
        return exc.problems


@dataclass
class _Worker:
    """What a worker process received once, through the pool's initializer."""

    session: Session | None = None
    generated_at: str | None = None
    gate: Gate | None = None
    sent_rules: bool = False


_worker = _Worker()


def _init_worker(session: Session, generated_at: str | None, gate: Gate | None = None) -> None:
    """Runs once per worker: the session (rule set, waivers) is received once, not per file."""
    _worker.session, _worker.generated_at = session, generated_at
    _worker.gate, _worker.sent_rules = gate, False
    gc.disable()  # as in the parent's batch: assessing creates no reference cycles


def _work(path: Path) -> Outcome:
    assert _worker.session is not None, "worker not initialised"
    return _one(_worker.session, path, _worker.generated_at)


def _work_json(item: tuple[int, Path]) -> JsonPiece | list[Problem]:
    """Assess and render one file. Every report of a worker comes from the one session, so its
    rules are sent once, with the worker's first report."""
    from aiprocure.render.json_ import piece_of

    index, path = item
    outcome = _work(path)
    if not isinstance(outcome, Report):
        return outcome
    assert _worker.gate is not None, "worker not initialised for JSON"
    fail_on, fail_on_review = _worker.gate
    piece = piece_of(
        outcome,
        status=exit_code([outcome], fail_on, fail_on_review=fail_on_review),
        with_rules=not _worker.sent_rules,
        keep_report=index == 0,  # a run of one report writes it standalone
    )
    _worker.sent_rules = True
    return piece


def assess_all(
    session: Session, files: Sequence[Path], *, generated_at: str | None = None, jobs: int = 1
) -> list[Outcome]:
    """One outcome per file, in the order of ``files``."""
    return [
        o
        for o in assess_each(session, files, generated_at=generated_at, jobs=jobs)
        if not isinstance(o, JsonPiece)
    ]


def assess_each(
    session: Session,
    files: Sequence[Path],
    *,
    generated_at: str | None = None,
    jobs: int = 1,
    json_gate: Gate | None = None,
) -> Iterator[Outcome | JsonPiece]:
    """One outcome per file, in the order of ``files``, each as soon as it is ready (so that a
    caller who renders as it goes need not keep every report).

    With ``json_gate``, files assessed in worker processes come back as ``JsonPiece``s (rendered
    JSON and gate status) instead of reports; files assessed here always come back as reports."""
    workers = effective_jobs(jobs, len(files))
    if workers == 1:
        for path in files:
            yield _one(session, path, generated_at)
        return
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing: only when used

    chunksize = max(CHUNK, len(files) // (workers * 8))
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(session, generated_at, json_gate)
    ) as pool:
        if json_gate is None:
            yield from pool.map(_work, files, chunksize=chunksize)
        else:
            yield from pool.map(_work_json, enumerate(files), chunksize=chunksize)
