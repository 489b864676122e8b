"""``aiprocure check``: options -> session -> sinks -> exit code. No logic of its own.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 bad input or usage;
3 an internal error (``_entry``); 141 standard output closed early. The CI conventions (base
directory, step summary, exclusions, compact output) are in docs/formats.md.
"""

# No `from __future__ import annotations`: typer reads the options from the signature, and
# annotations kept as text would be compiled and evaluated on every run.

import os
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from aiprocure import api
from aiprocure.api.core import scan_paths
from aiprocure.api.output import Fanout, open_sink
from aiprocure.cli import targets
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
)
from aiprocure.cli.overwrite import refuse_overwrite, session_inputs
from aiprocure.errors import InputError
from aiprocure.gate import FailOn, IncompleteDetermination
from aiprocure.model.checklist import Severity
from aiprocure.render import Format
from aiprocure.render.options import LimitError, RenderOptions
from aiprocure.render.terminal_batch import Details


def check(
    paths: Annotated[list[Path], typer.Argument(help="Declaration files or directories of them.")],
    lang: LangOpt = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            envvar="AIPROCURE_FAIL_ON",
            help="Exit 1 if a fail/unanswered/unverified finding is at least this severe "
            "(default: the config's defaults.fail_on, else high).",
        ),
    ] = None,
    fail_on_review: Annotated[
        bool,
        typer.Option(
            "--fail-on-review/--no-fail-on-review",
            envvar="AIPROCURE_FAIL_ON_REVIEW",
            help="Exit 1 when the case goes to CAIO review: the high-risk determination is "
            "raised or incomplete, or a rule with a review flag is open.",
        ),
    ] = True,
    incomplete_determination: Annotated[
        IncompleteDetermination | None,
        typer.Option(
            help="An incomplete high-risk determination (a viewpoint unanswered): block fails "
            "the gate like a raised one, warn only shows it (default: the config's "
            "gate.incomplete_determination, else block).",
        ),
    ] = None,
    checklist: ChecklistOpt = None,
    no_default_checklists: NoDefaultOpt = False,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format", "-f", envvar="AIPROCURE_FORMAT", help="Format written to standard output."
        ),
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
            help="Terminal report width (default: COLUMNS, else the terminal's, else 100).",
            min=40,
            max=400,
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            envvar="AIPROCURE_CONFIG",
            help="Ministry config file (default: ./aiprocure.yaml if present).",
        ),
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
            envvar="AIPROCURE_JOBS",
            help="Worker processes for large batches (0: one per CPU). The output is the same; "
            "small batches are assessed in this process.",
        ),
    ] = 1,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            metavar="GLOB",
            help="Leave out files of a directory scan matching GLOB (name, path below the "
            "directory, or path); repeatable; added to the config's defaults.exclude.",
        ),
    ] = None,
    skip_rule: Annotated[
        list[str] | None,
        typer.Option(metavar="RULE", help="Do not evaluate RULE (an ID or a glob); repeatable."),
    ] = None,
    only_rule: Annotated[
        list[str] | None,
        typer.Option(metavar="RULE", help="Evaluate only RULE (an ID or a glob); repeatable."),
    ] = None,
    show_severity: Annotated[
        Severity,
        typer.Option(
            envvar="AIPROCURE_SHOW_SEVERITY",
            help="Show open findings at least this severe on the console (display only: "
            "the gate and report files are unchanged).",
        ),
    ] = Severity.INFO,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="Print only the gate line (and problems on stderr)."),
    ] = False,
    compact: Annotated[
        bool,
        typer.Option(
            "--compact", help="One line per open finding and review flag, then the gate line."
        ),
    ] = False,
    details: targets.DetailsOpt = Details.AUTO,
    color: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color",
            help="Colour the console report (default: when a terminal, unless NO_COLOR; "
            "FORCE_COLOR forces it).",
            show_default=False,
        ),
    ] = None,
    base: Annotated[
        Path | None,
        typer.Option(
            "--base-dir",
            envvar="AIPROCURE_BASE_DIR",
            help="SARIF uris are relative to this (%SRCROOT%; default: the git repository's "
            "root, else the working directory).",
        ),
    ] = None,
    sarif_category: Annotated[
        str | None,
        typer.Option(
            envvar="AIPROCURE_SARIF_CATEGORY",
            help="SARIF automationDetails.id: a category, so several gates can upload.",
        ),
    ] = None,
    sarif_include_waived: Annotated[
        bool,
        typer.Option(
            "--sarif-include-waived",
            help="Also put waived findings in SARIF, as suppressed results (GitHub shows them "
            "as open alerts; by default they are listed in the run's properties only).",
        ),
    ] = False,
    force: ForceOpt = False,
) -> None:
    """Assess declarations and report findings, scores and high-risk review flags."""
    written = [targets.output_target(spec, lang) for spec in output or []]
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
                incomplete_determination=incomplete_determination,
                timestamp=timestamp,
                jobs=jobs,
                skip_rules=tuple(skip_rule or ()),
                only_rules=tuple(only_rule or ()),
                exclude=tuple(exclude or ()),
            )
        )
        language = session.lang
        cwd = Path.cwd()
        gate = session.gate
        options = RenderOptions(
            base_dir=str(targets.base_dir(base, cwd)),
            cwd=str(cwd),
            category=sarif_category,
            include_waived=sarif_include_waived,
            threshold=None if gate.fail_on is FailOn.NEVER else Severity(gate.fail_on.value),
            fail_on_review=gate.fail_on_review,
        )
        style = None
        if fmt is Format.TERMINAL:
            mode = "quiet" if quiet else "compact" if compact else "full"
            style = replace(
                targets.console(width, show_waived, color),
                mode=mode,
                show=show_severity,
                gate=options,
                details=details,
            )
        stdout_options = replace(
            options, max_chars=targets.COMMENT_LIMIT if fmt is Format.MARKDOWN else None
        )
        sinks = [
            open_sink(
                fmt,
                to_stdout,
                language,
                terminal=style,
                one_rule_set=not written,
                options=stdout_options,
            )
        ]
        sinks += [
            open_sink(f, targets.to_file(path), language, options=options) for f, path in written
        ]
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if fmt is Format.GITHUB and summary:
            summary_options = replace(options, max_chars=targets.STEP_SUMMARY_LIMIT)
            sinks.append(
                open_sink(
                    Format.MARKDOWN,
                    targets.append_to(Path(summary)),
                    language,
                    options=summary_options,
                )
            )
        refuse_overwrite(
            [path for _, path in written], session_inputs(session, paths), language, force=force
        )
        print_warnings(api.hidden_character_warnings(paths), language)
        try:
            scan = scan_paths(paths, session.exclude)
            if not quiet:
                targets.note_skipped(scan.not_declarations, language)
            if not scan.files:
                fail([targets.nothing_to_check(paths)], language)
            status, problems = session.run(
                scan.files,
                sinks[0] if len(sinks) == 1 else Fanout(sinks),
                warn=lambda found: print_warnings(found, language),
            )
        except InputError as exc:
            fail(exc.problems, language)
        except LimitError as exc:
            usage(exc.message, exc.ja, language)
    if problems:
        fail(problems, language)
    raise typer.Exit(status)
