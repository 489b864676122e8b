"""``aiprocure check``: options -> session -> sinks -> exit code. No logic of its own.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 bad input or usage;
3 an internal error (``_entry``); 141 standard output closed early.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from aiprocure import api
from aiprocure.api.output import Fanout, Out, TerminalStyle, open_sink
from aiprocure.cli.options import (
    ChecklistOpt,
    ForceOpt,
    LangOpt,
    NoDefaultOpt,
    batch_gc,
    fail,
    open_session,
    print_warnings,
    session_options,
    to_stdout,
    usage,
    write,
)
from aiprocure.cli.overwrite import refuse_overwrite, session_inputs
from aiprocure.errors import InputError
from aiprocure.gate import FailOn
from aiprocure.render import SUFFIXES, Format


def output_target(spec: str) -> tuple[Format, Path]:
    head, sep, tail = spec.partition(":")
    if sep and head in {f.value for f in Format} and tail:
        return Format(head), Path(tail)
    path = Path(spec)
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(SUFFIXES))
        usage(f"cannot tell the format of {spec!r} from its suffix ({known}); write FORMAT:PATH")
    return fmt, path


def _to_file(path: Path) -> Out:
    def out(data: str | bytes) -> None:
        write(path, data)

    return out


def _console(width: int | None, show_waived: bool) -> TerminalStyle:
    tty = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    cols = width or (os.get_terminal_size().columns if tty else 100)
    return TerminalStyle(width=cols, color=tty, show_waived=show_waived)


def check(
    paths: Annotated[list[Path], typer.Argument(help="Declaration files or directories of them.")],
    lang: LangOpt = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            help="Exit 1 if a fail/unanswered/unverified finding is at least this severe "
            "(default: the config's defaults.fail_on, else high)."
        ),
    ] = None,
    fail_on_review: Annotated[
        bool,
        typer.Option(
            "--fail-on-review/--no-fail-on-review",
            help="Exit 1 when a high-risk review flag is raised (the case must go to CAIO review).",
        ),
    ] = True,
    checklist: ChecklistOpt = None,
    no_default_checklists: NoDefaultOpt = False,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="Format written to standard output.")
    ] = Format.TERMINAL,
    output: Annotated[
        list[str] | None,
        typer.Option(
            "--output",
            "-o",
            help="Also write a report file; format from the suffix or FORMAT:PATH. Repeatable.",
        ),
    ] = None,
    timestamp: Annotated[
        bool, typer.Option("--timestamp", help="Record the current time in the report.")
    ] = False,
    width: Annotated[
        int | None,
        typer.Option(
            help="Terminal report width (default: the terminal's, or 100).", min=40, max=400
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(help="Ministry config file (default: ./aiprocure.yaml if present)."),
    ] = None,
    no_config: Annotated[bool, typer.Option("--no-config", help="Load no config file.")] = False,
    waivers: Annotated[
        list[Path] | None,
        typer.Option(help="Waivers file; repeatable (replaces the config's defaults.waivers)."),
    ] = None,
    no_waivers: Annotated[bool, typer.Option("--no-waivers", help="Apply no waivers.")] = False,
    show_waived: Annotated[
        bool,
        typer.Option(
            "--show-waived/--hide-waived",
            help="List waived findings in the terminal report (other formats always do).",
        ),
    ] = True,
    today: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM-DD",
            help="The date waivers are judged on (default: today in Asia/Tokyo); declared "
            "dates may lie after neither it nor today.",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            help="Worker processes for large batches (0: one per CPU). The output is the same; "
            "small batches are assessed in this process.",
        ),
    ] = 1,
    force: ForceOpt = False,
) -> None:
    """Assess declarations and report findings, scores and high-risk review flags."""
    targets = [output_target(spec) for spec in output or []]
    with batch_gc():
        session = open_session(
            session_options(
                config=config,
                no_config=no_config,
                checklist=checklist,
                no_default_checklists=no_default_checklists,
                waivers=waivers,
                no_waivers=no_waivers,
                today=today,
                lang=lang,
                fail_on=fail_on,
                fail_on_review=fail_on_review,
                timestamp=timestamp,
                jobs=jobs,
            )
        )
        language = session.lang
        refuse_overwrite(
            [path for _, path in targets], session_inputs(session, paths), language, force=force
        )
        print_warnings(api.hidden_character_warnings(paths), language)
        style = _console(width, show_waived) if fmt is Format.TERMINAL else None
        sinks = [open_sink(fmt, to_stdout, language, terminal=style, one_rule_set=not targets)]
        sinks += [open_sink(f, _to_file(path), language) for f, path in targets]
        try:
            status, problems = session.run(
                paths,
                sinks[0] if len(sinks) == 1 else Fanout(sinks),
                warn=lambda found: print_warnings(found, language),
            )
        except InputError as exc:
            fail(exc.problems, language)
    if problems:
        fail(problems, language)
    raise typer.Exit(status)
