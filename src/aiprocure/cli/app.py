"""The typer application: every command registered here, explicitly, and nowhere else."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from aiprocure import __version__
from aiprocure.cli import caio, check, inventory, rules

app = typer.Typer(
    name="aiprocure",
    help="Check a generative-AI vendor's declaration against the Digital Agency's DS-920 guideline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.command()(check.check)
app.command()(rules.validate)
app.command()(rules.init)
app.command()(rules.schema)
app.command()(rules.rules)
app.command()(rules.explain)
app.command("lint-checklist")(rules.lint_checklist)
app.command()(caio.compare)
app.command("diff")(caio.diff_cmd)

config_app = typer.Typer(help=caio.CONFIG_HELP, no_args_is_help=True)
config_app.command("show")(caio.config_show)
app.add_typer(config_app, name="config")

inventory_app = typer.Typer(help=inventory.INVENTORY_HELP, no_args_is_help=True)
inventory_app.command("add")(inventory.inventory_add)
inventory_app.command("list")(inventory.inventory_list)
inventory_app.command("export")(inventory.inventory_export)
inventory_app.command("expiring")(inventory.inventory_expiring)
app.add_typer(inventory_app, name="inventory")


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
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help="On an internal error (exit 3), print the traceback too.",
        ),
    ] = False,
) -> None:
    """aiprocure — DS-920 generative-AI procurement checks."""
    _debug[0] = debug


_debug = [False]  # set by --debug for this run


def debug_enabled() -> bool:
    """Whether ``--debug`` was given (or ``AIPROCURE_DEBUG`` is set non-empty)."""
    return _debug[0] or bool(os.environ.get("AIPROCURE_DEBUG"))


def _text_streams_never_fail() -> None:
    """Standard output and error that cannot take every character (``PYTHONIOENCODING=cp932``, a
    Japanese Windows console redirected to a file) show what they cannot encode as a backslash
    escape (``\\u2014``) instead of failing: nothing is lost and the run goes on. File names that
    are not UTF-8 (surrogate escapes) are shown the same way. Reports written as bytes (JSON,
    SARIF, ...) stay UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def main() -> None:
    _text_streams_never_fail()
    app(prog_name="aiprocure")
