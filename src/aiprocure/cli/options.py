"""What the commands share: option types, the one path from session options to a session, and
the few ways a command ends (problems, a usage error, a file written)."""

from __future__ import annotations

import errno
import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, BinaryIO, NoReturn

import typer

from aiprocure import api
from aiprocure.caio.dates import parse_day, tokyo_today
from aiprocure.errors import InputError, Problem
from aiprocure.gate import FailOn, IncompleteDetermination
from aiprocure.model.common import Lang
from aiprocure.render.safe import clean

LangOpt = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        envvar="AIPROCURE_LANG",
        help="Report language (default: from LC_ALL / LC_MESSAGES / LANG).",
    ),
]
ProblemLangOpt = Annotated[  # for commands that print no report, only problems
    Lang | None,
    typer.Option(
        "--lang", help="Language of the problems (default: from LC_ALL / LC_MESSAGES / LANG)."
    ),
]
ChecklistOpt = Annotated[
    list[Path] | None,
    typer.Option("--checklist", "-c", help="Extra checklist (rule pack) to load; repeatable."),
]
NoDefaultOpt = Annotated[
    bool,
    typer.Option("--no-default-checklists", help="Do not load the shipped DS-920 checklists."),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="Ministry config file (default: ./aiprocure.yaml if present)."),
]
NoConfigOpt = Annotated[
    bool,
    typer.Option("--no-config", help="Do not load any config file, not even ./aiprocure.yaml."),
]
WaiversOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--waivers", help="Waivers file; repeatable. Replaces the config's defaults.waivers."
    ),
]
NoWaiversOpt = Annotated[bool, typer.Option("--no-waivers", help="Apply no waivers at all.")]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="YYYY-MM-DD",
        help="The date waivers are judged on (default: today in Asia/Tokyo); declared dates "
        "may lie after neither it nor today.",
    ),
]
WidthOpt = Annotated[
    int | None,
    typer.Option(
        min=40, max=400, help="Table width in columns (default: the console's, COLUMNS, or 100)."
    ),
]


def fail(problems: list[Problem], lang: Lang) -> NoReturn:
    print_problems(problems, lang)
    raise typer.Exit(2)


def print_problems(problems: list[Problem], lang: Lang) -> None:
    """``file:line:col: message`` on stderr, in the run's language (as its report would be)."""
    for p in problems:
        sys.stderr.write(clean(p.show(lang)) + "\n")
    sys.stderr.flush()


def print_warnings(warnings: list[Problem], lang: Lang) -> None:
    """``file:line:col: warning: message`` on stderr (they never change the exit status)."""
    label = "警告" if lang is Lang.JA else "warning"
    for p in warnings:
        sys.stderr.write(clean(f"{p.path}:{p.line}:{p.col}: {label}: {p.text(lang)}") + "\n")
    sys.stderr.flush()


def usage(message: str, ja: str | None = None, lang: Lang | None = None) -> NoReturn:
    """A usage error, exit 2: in Japanese when the run's language is (``lang``, else
    AIPROCURE_LANG, else the locale's) and ``ja`` is given."""
    if lang is None and os.environ.get("AIPROCURE_LANG") in {"ja", "en"}:
        lang = Lang(os.environ["AIPROCURE_LANG"])
    if ja is not None and lang_of(lang) is Lang.JA:
        sys.stderr.write(f"aiprocure: エラー: {ja}\n")
    else:
        sys.stderr.write(f"aiprocure: error: {message}\n")
    raise typer.Exit(2)


ForceOpt = Annotated[
    bool,
    typer.Option("--force", help="Write the output even over a file this run reads (an input)."),
]


def lang_of(lang: Lang | None) -> Lang:
    """The language of a command that opens no session."""
    return api.run_lang(lang)


def write(path: Path, text: str | bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # -o reports/x.sarif
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        usage(f"cannot write {path}: {exc.strerror or exc}")


def emit(text: str, output: Path | None = None) -> None:
    """Text to standard output (ending in a newline) or to ``output``."""
    if output is None:
        text = text if text.endswith("\n") else text + "\n"
        out = getattr(sys.stdout, "buffer", None)
        if out is None:  # a text-only stream (some test harnesses)
            sys.stdout.write(text)
            return
        # in the stream's encoding; what it cannot take (cp932, a file name's surrogate escape)
        # shown as a backslash escape, never an error
        sys.stdout.flush()
        _write_all(out, text.encode(sys.stdout.encoding or "utf-8", "backslashreplace"))
        out.flush()
    else:
        write(output, text)


def emit_bytes(data: bytes) -> None:
    """Write a rendered report to standard output as it is (UTF-8), ending in a newline."""
    if not data.endswith(b"\n"):
        data += b"\n"
    out = getattr(sys.stdout, "buffer", None)
    if out is None:  # a text-only stream (some test harnesses)
        sys.stdout.write(data.decode())
        return
    sys.stdout.flush()
    _write_all(out, data)
    out.flush()


def _write_all(out: BinaryIO, data: bytes) -> None:
    """Every byte, or an error: a buffered write to a pipe whose reader has gone can report fewer
    bytes written instead of failing (then the next write raises BrokenPipeError)."""
    view = memoryview(data)
    while view:
        written = out.write(view)
        if not written:
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))
        view = view[written:]


def to_stdout(data: str | bytes) -> None:
    """A sink's document to standard output."""
    if isinstance(data, bytes):
        emit_bytes(data)
    else:
        emit(data)


def today_from(text: str | None) -> date:
    """The run's date: ``--today``, else today in Asia/Tokyo. Waivers are judged on it; a
    declaration's dates of past events may lie after neither it nor the Tokyo calendar's today
    (``api.Session.declared_by``)."""
    if text is None:
        return tokyo_today()
    day = parse_day(text)
    if day is None:
        usage(f"--today must be a date written YYYY-MM-DD, not {text!r}")
    return day


def generated_at(timestamp: bool) -> str | None:
    """Reports carry a time only when asked: --timestamp, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC).isoformat().replace("+00:00", "Z")
        except (ValueError, OverflowError, OSError):  # OSError: EOVERFLOW from the C library
            usage(
                f"SOURCE_DATE_EPOCH must be an integer number of seconds (years 1 to 9999), "
                f"not {epoch!r}"
            )
    if timestamp:
        return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return None


def session_options(
    *,
    config: Path | None,
    no_config: bool,
    checklist: list[Path] | None,
    no_default_checklists: bool,
    waivers: list[Path] | None,
    no_waivers: bool,
    today: str | None,
    lang: Lang | None,
    fail_on: FailOn | None = None,
    fail_on_review: bool = True,
    incomplete_determination: IncompleteDetermination | None = None,
    timestamp: bool | None = None,
    jobs: int = 1,
    skip_rules: tuple[str, ...] = (),
    only_rules: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
) -> api.SessionOptions:
    """The command line's session options, as every session-opening command takes them.
    ``timestamp``: None for the commands whose reports never record a time (all but check)."""
    return api.SessionOptions(
        config=config,
        no_config=no_config,
        checklists=tuple(checklist or ()),
        no_default_checklists=no_default_checklists,
        waivers=tuple(waivers or ()),
        no_waivers=no_waivers,
        today=today_from(today),
        lang=lang,
        fail_on=fail_on,
        fail_on_review=fail_on_review,
        incomplete_determination=incomplete_determination,
        generated_at=None if timestamp is None else generated_at(timestamp),
        jobs=jobs,
        skip_rules=skip_rules,
        only_rules=only_rules,
        exclude=exclude,
    )


def open_session(options: api.SessionOptions) -> api.Session:
    """The session, or exit 2 with its problems in ``--lang``, else the config's language (when
    the config itself loaded), else the locale's."""
    try:
        session = api.open_session(options)
    except api.SessionError as exc:
        fail(exc.problems, exc.lang)
    print_problems(list(session.warnings), session.lang)  # e.g. a waiver of a retired rule
    return session


def assess_all(session: api.Session, paths: list[Path]) -> list[api.Report]:
    """Every file's report, or exit 2 with the problems of all that could not be assessed."""
    reports: list[api.Report] = []
    problems: list[Problem] = []
    with batch_gc():
        try:
            for outcome in session.assess(paths):
                if isinstance(outcome, list):
                    problems.extend(outcome)
                else:
                    reports.append(outcome)
        except InputError as exc:
            fail(exc.problems, session.lang)
    if problems:
        fail(problems, session.lang)
    return reports


@contextmanager
def batch_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a batch is assessed and rendered.

    Every report is kept until it is rendered: hundreds of thousands of long-lived objects that each
    full collection would scan again (40 % of a 1000-file run), and rendering them allocates as
    much again. Assessing creates no reference cycles, so reference counting still frees what
    becomes garbage; the few cycles a renderer may leave (templates) live until the command exits.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
