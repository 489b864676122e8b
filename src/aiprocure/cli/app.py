"""The typer application: every command registered here, explicitly, and nowhere else."""

from __future__ import annotations

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
) -> None:
    """aiprocure — DS-920 generative-AI procurement checks."""


def main() -> None:
    app(prog_name="aiprocure")
