"""CAIO-office commands that assess through a session: compare, diff, config show."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from aiprocure.api.settings import show_settings
from aiprocure.caio.compare import Bidder, CompareFormat, render_compare
from aiprocure.caio.diff import DiffFormat, diff
from aiprocure.caio.diff_render import render_diff
from aiprocure.caio.wrap import console_columns, console_width
from aiprocure.cli.options import (
    ChecklistOpt,
    ConfigOpt,
    ForceOpt,
    LangOpt,
    NoConfigOpt,
    NoDefaultOpt,
    NoWaiversOpt,
    TodayOpt,
    WaiversOpt,
    WidthOpt,
    emit,
    fail,
    open_session,
    session_options,
)
from aiprocure.cli.overwrite import refuse_overwrite, session_inputs
from aiprocure.errors import InputError, Problem
from aiprocure.gate import FailOn

CONFIG_HELP = "Ministry configuration (aiprocure.yaml)."


# --- compare -------------------------------------------------------------------------------


def compare(
    paths: Annotated[list[Path], typer.Argument(help="Two or more declarations (bidders).")],
    fmt: Annotated[CompareFormat, typer.Option("--format", "-f")] = CompareFormat.TERMINAL,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    lang: LangOpt = None,
    checklist: ChecklistOpt = None,
    no_default_checklists: NoDefaultOpt = False,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    waivers: WaiversOpt = None,
    no_waivers: NoWaiversOpt = False,
    today: TodayOpt = None,
    width: WidthOpt = None,
    force: ForceOpt = False,
) -> None:
    """Put bidders side by side: risk, review, scores, open findings and key declared facts."""
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
        )
    )
    language = session.lang
    if output is not None:
        refuse_overwrite([output], session_inputs(session, paths), language, force=force)
    bidders: list[Bidder] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            report, declaration, _ = session.assess_with_declaration(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        bidders.append(Bidder(report, declaration.model_dump(mode="json", exclude_none=True)))
    if problems:
        fail(problems, language)
    emit(render_compare(bidders, language, fmt, width=console_width(width)), output)


# --- diff ----------------------------------------------------------------------------------


def diff_cmd(
    old: Annotated[Path, typer.Argument(help="The earlier declaration.")],
    new: Annotated[Path, typer.Argument(help="The later declaration.")],
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f")] = DiffFormat.TERMINAL,
    lang: LangOpt = None,
    checklist: ChecklistOpt = None,
    no_default_checklists: NoDefaultOpt = False,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    waivers: WaiversOpt = None,
    no_waivers: NoWaiversOpt = False,
    today: TodayOpt = None,
    width: WidthOpt = None,
) -> None:
    """What changed between two declarations. Exit 1 if any finding got worse, else 0; 2 on bad input."""
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
        )
    )
    language = session.lang
    loaded = []
    problems: list[Problem] = []
    for path in (old, new):
        try:
            loaded.append(session.assess_with_declaration(path))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        fail(problems, language)
    (ra, _, da), (rb, _, db) = loaded
    result = diff(ra, da, rb, db)
    sys.stdout.write(render_diff(result, language, fmt, width=console_width(width)))
    raise typer.Exit(1 if result.worse else 0)


# --- config show ---------------------------------------------------------------------------


def config_show(
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    lang: LangOpt = None,
    fail_on: Annotated[FailOn | None, typer.Option("--fail-on")] = None,
    checklist: ChecklistOpt = None,
    no_default_checklists: NoDefaultOpt = False,
    waivers: WaiversOpt = None,
    no_waivers: NoWaiversOpt = False,
) -> None:
    """Print the effective settings and where each came from."""
    session = open_session(
        session_options(
            config=config,
            no_config=no_config,
            checklist=checklist,
            no_default_checklists=no_default_checklists,
            waivers=waivers,
            no_waivers=no_waivers,
            today="2000-01-01",
            lang=lang,
        )
    )
    language = session.lang
    sys.stdout.write(
        show_settings(
            session, language, lang, fail_on, bool(waivers), no_waivers, width=console_columns()
        )
    )
