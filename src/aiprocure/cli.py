"""Command line: options -> api call -> renderer -> stdout/files -> exit code. No logic of its own.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 bad input or usage.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from aiprocure import __version__, api
from aiprocure.errors import InputError, Problem
from aiprocure.gate import FailOn, exit_code
from aiprocure.language import default_lang
from aiprocure.model.common import Lang
from aiprocure.model.findings import Report
from aiprocure.model.ruleset import Ruleset
from aiprocure.render import SUFFIXES, Format, render_bytes
from aiprocure.render.safe import clean

app = typer.Typer(
    name="aiprocure",
    help="Check a generative-AI vendor's declaration against the Digital Agency's DS-920 guideline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", help="Report language (default: from LC_ALL / LC_MESSAGES / LANG)."),
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


def _fail(problems: list[Problem], lang: Lang) -> NoReturn:
    _print_problems(problems, lang)
    raise typer.Exit(2)


def _print_problems(problems: list[Problem], lang: Lang) -> None:
    """``file:line:col: message`` on stderr, in the run's language (as its report would be)."""
    for p in problems:
        sys.stderr.write(clean(p.show(lang)) + "\n")
    sys.stderr.flush()


def _usage(message: str) -> NoReturn:
    sys.stderr.write(f"aiprocure: error: {message}\n")
    raise typer.Exit(2)


def _lang(lang: Lang | None) -> Lang:
    return lang if lang is not None else default_lang()


def _ruleset(checklist: list[Path] | None, no_default: bool, lang: Lang) -> Ruleset:
    try:
        return api.load_checklists(checklist or [], shipped=not no_default)
    except InputError as exc:
        _fail(exc.problems, lang)


def _generated_at(timestamp: bool) -> str | None:
    """Reports carry a time only when asked: --timestamp, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC).isoformat().replace("+00:00", "Z")
        except (ValueError, OverflowError):
            _usage(f"SOURCE_DATE_EPOCH must be an integer number of seconds, not {epoch!r}")
    if timestamp:
        return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return None


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


def _output_target(spec: str) -> tuple[Format, Path]:
    head, sep, tail = spec.partition(":")
    if sep and head in {f.value for f in Format} and tail:
        return Format(head), Path(tail)
    path = Path(spec)
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(SUFFIXES))
        _usage(f"cannot tell the format of {spec!r} from its suffix ({known}); write FORMAT:PATH")
    return fmt, path


def _write(path: Path, text: str | bytes) -> None:
    try:
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        _usage(f"cannot write {path}: {exc.strerror or exc}")


def _emit_stdout(
    fmt: Format, reports: list[Report], lang: Lang, width: int | None, *, show_waived: bool = True
) -> None:
    if fmt is Format.TERMINAL:
        from aiprocure.render import terminal

        tty = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        cols = width or (os.get_terminal_size().columns if tty else 100)
        text = terminal.render(reports, lang, width=cols, color=tty, show_waived=show_waived)
    else:
        _emit_bytes(render_bytes(fmt, reports, lang))
        return
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _emit_bytes(data: bytes) -> None:
    """Write a rendered report to standard output as it is (UTF-8), ending in a newline."""
    if not data.endswith(b"\n"):
        data += b"\n"
    out = getattr(sys.stdout, "buffer", None)
    if out is None:  # a text-only stream (some test harnesses)
        sys.stdout.write(data.decode())
        return
    sys.stdout.flush()
    out.write(data)
    out.flush()


@app.command()
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
            metavar="YYYY-MM-DD", help="Date waivers are judged on (default: today in Asia/Tokyo)."
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
) -> None:
    """Assess declarations and report findings, scores and high-risk review flags."""
    from aiprocure import batch, cli_caio

    targets = [_output_target(spec) for spec in output or []]
    with batch_gc():
        session = cli_caio.session_from_cli(
            config=config,
            no_config=no_config,
            checklist=checklist,
            no_default_checklists=no_default_checklists,
            waivers=waivers,
            no_waivers=no_waivers,
            today=today,
            lang=lang,
        )
        language = cli_caio.resolve_lang(lang, session)
        gate = cli_caio.resolve_fail_on(fail_on, session)
        try:
            files = api.expand_paths(paths)
        except InputError as exc:
            _fail(exc.problems, language)
        generated_at = _generated_at(timestamp)
        reports: list[Report] = []
        problems: list[Problem] = []
        status = 0
        if fmt is Format.JSON and not targets:
            # Rendered as assessed (workers render their own): a batch keeps each report's
            # bytes, never all its objects.
            from aiprocure.render.json_ import JsonPiece, Writer

            writer = Writer(one_rule_set=True)  # one session
            for outcome in batch.assess_each(
                session,
                files,
                generated_at=generated_at,
                jobs=jobs,
                json_gate=(gate, fail_on_review),
            ):
                if isinstance(outcome, Report):
                    writer.add(outcome)
                    status = status or exit_code([outcome], gate, fail_on_review=fail_on_review)
                elif isinstance(outcome, JsonPiece):
                    writer.add_piece(outcome)
                    status = status or outcome.status
                else:
                    problems.extend(outcome)
            if writer.count:
                _emit_bytes(writer.finish())
        else:
            for outcome in batch.assess_all(session, files, generated_at=generated_at, jobs=jobs):
                if isinstance(outcome, Report):
                    reports.append(outcome)
                else:
                    problems.extend(outcome)
            if reports:
                _emit_stdout(fmt, reports, language, width, show_waived=show_waived)
                for target_fmt, target in targets:
                    _write(target, render_bytes(target_fmt, reports, language))
            status = exit_code(reports, gate, fail_on_review=fail_on_review)
    if problems:
        _fail(problems, language)
    raise typer.Exit(status)


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Declaration files or directories of them.")],
    lang: ProblemLangOpt = None,
) -> None:
    """Check that declarations are well-formed (no assessment). Exit 2 on any problem."""
    language = _lang(lang)
    try:
        files = api.expand_paths(paths)
    except InputError as exc:
        _fail(exc.problems, language)
    problems: list[Problem] = []
    for path in files:
        try:
            api.load_declaration(path)
            sys.stdout.write(f"{clean(str(path))}: ok\n")
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        _fail(problems, language)


@app.command()
def init(
    path: Annotated[
        Path | None, typer.Argument(help="Write the template here (default: standard output).")
    ] = None,
    lang: LangOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented blank declaration to fill in."""
    from aiprocure.template import render_template

    text = render_template(_lang(lang))
    if path is None:
        sys.stdout.write(text)
        return
    if path.exists() and not force:
        _usage(f"{path} exists; use --force to overwrite it")
    _write(path, text)


@app.command()
def schema(
    report: Annotated[
        bool,
        typer.Option("--report", help="The JSON report's schema instead of the declaration's."),
    ] = False,
) -> None:
    """Print the JSON Schema of the declaration (for editors) or of the JSON report."""
    if report:
        from aiprocure.render.json_ import report_json_schema

        doc = report_json_schema()
    else:
        from aiprocure.model.declaration import Declaration
        from aiprocure.sources.load import json_schema

        doc = json_schema(Declaration)
        doc = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "urn:aiprocure:declaration:1.0",
            **doc,
        }
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


@app.command()
def rules(
    lang: LangOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, markdown or json.")] = "table",
    checklist: ChecklistOpt = None,
    no_default_checklists: NoDefaultOpt = False,
) -> None:
    """List the rules of the loaded checklists."""
    language = _lang(lang)
    ruleset = _ruleset(checklist, no_default_checklists, language)
    if fmt == "markdown":
        from aiprocure.render.catalogue import catalogue_markdown

        sys.stdout.write(catalogue_markdown(ruleset, language))
    elif fmt == "json":
        data = [r.model_dump(mode="json", by_alias=True, exclude_none=True) for r in ruleset.rules]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "table":
        from aiprocure.render.ruleinfo import rules_table

        sys.stdout.write(rules_table(ruleset, language))
    else:
        _usage(f"unknown rules format {fmt!r}; use table, markdown or json")


@app.command()
def explain(
    rule_id: Annotated[
        str, typer.Argument(metavar="RULE-ID", help="A rule or high-risk viewpoint ID.")
    ],
    lang: LangOpt = None,
    checklist: ChecklistOpt = None,
    no_default_checklists: NoDefaultOpt = False,
) -> None:
    """Explain one rule: what it checks, why, how to remediate, and its sources."""
    from aiprocure.render.ruleinfo import explain_text

    language = _lang(lang)
    ruleset = _ruleset(checklist, no_default_checklists, language)
    text = explain_text(ruleset, rule_id, language)
    if text is None:
        import difflib

        ids = [r.id for r in ruleset.rules] + [
            v.id for v in (ruleset.high_risk.viewpoints if ruleset.high_risk else [])
        ]
        close = difflib.get_close_matches(rule_id.upper(), ids, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        _usage(f"no rule {rule_id!r}{hint}")
    sys.stdout.write(text)


@app.command("lint-checklist")
def lint_checklist(
    files: Annotated[list[Path], typer.Argument(help="Checklist (rule pack) files.")],
    standalone: Annotated[
        bool,
        typer.Option(
            "--standalone", help="Lint without the shipped packs (names must resolve within FILES)."
        ),
    ] = False,
    lang: ProblemLangOpt = None,
) -> None:
    """Validate custom rule packs: schema, names, fields, lists, parameters, predicates; positioned errors."""
    try:
        paths = [*([] if standalone else api.shipped_checklist_paths()), *files]
        packs = api.load_checklist_docs(paths)
    except InputError as exc:
        _fail(exc.problems, _lang(lang))
    for checklist_, doc in packs[len(packs) - len(files) :]:
        sys.stdout.write(f"{clean(doc.path)}: ok ({len(checklist_.rules)} rules)\n")


def _version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"aiprocure {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version_callback,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    """aiprocure — DS-920 generative-AI procurement checks."""


def main() -> None:
    app(prog_name="aiprocure")


from aiprocure import cli_caio as _cli_caio  # noqa: E402,F401  (registers CAIO commands)
