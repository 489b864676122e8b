"""Assess many declarations, in this process or in a pool of worker processes.

The pool pays only for large batches and several CPUs: each worker starts (fork or spawn),
receives the session once through its initializer, and sends its reports back pickled, which the
parent unpickles while the workers go on (about a third of the cost of assessing a file). Results
come back in input order, so the output is byte for byte that of assessing one file after another.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from aiprocure.caio.session import Session
from aiprocure.errors import InputError, Problem
from aiprocure.model.findings import Report

CHUNK = 16  # files per task at least: amortises a round trip, small enough to balance the load

Outcome = Report | list[Problem]  # a report, or the problems of a file that could not be assessed


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


_worker_session: Session | None = None
_worker_generated_at: str | None = None


def _init_worker(session: Session, generated_at: str | None) -> None:
    """Runs once per worker: the session (rule set, waivers) is received once, not per file."""
    global _worker_session, _worker_generated_at
    _worker_session, _worker_generated_at = session, generated_at
    gc.disable()  # as in the parent's batch: assessing creates no reference cycles


def _work(path: Path) -> Outcome:
    assert _worker_session is not None, "worker not initialised"
    return _one(_worker_session, path, _worker_generated_at)


def assess_all(
    session: Session, files: Sequence[Path], *, generated_at: str | None = None, jobs: int = 1
) -> list[Outcome]:
    """One outcome per file, in the order of ``files``."""
    return list(assess_each(session, files, generated_at=generated_at, jobs=jobs))


def assess_each(
    session: Session, files: Sequence[Path], *, generated_at: str | None = None, jobs: int = 1
) -> Iterator[Outcome]:
    """One outcome per file, in the order of ``files``, each as soon as it is ready (so that a
    caller who renders as it goes need not keep every report)."""
    workers = effective_jobs(jobs, len(files))
    if workers == 1:
        for path in files:
            yield _one(session, path, generated_at)
        return
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing: only when used

    chunksize = max(CHUNK, len(files) // (workers * 8))
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(session, generated_at)
    ) as pool:
        yield from pool.map(_work, files, chunksize=chunksize)
