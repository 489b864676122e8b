"""The typer application: every command registered here, explicitly, and nowhere else.

A command's module is imported only when the command is registered: ``app`` (the whole
application, for ``--help``, completion and library callers) registers every command the first
time typer asks for them, and ``main`` builds an application with the one command named on the
command line (``aiprocure check ...``), so a run imports and inspects only what it uses.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Annotated

import typer
from typer.models import CommandInfo, TyperInfo

from aiprocure import __version__

_HELP = "Check a generative-AI vendor's declaration against the Digital Agency's DS-920 guideline."


def _check(app: typer.Typer) -> None:
    from aiprocure.cli import check

    app.command()(check.check)


def _rules(name: str) -> Callable[[typer.Typer], None]:
    def register(app: typer.Typer) -> None:
        from aiprocure.cli import rules

        app.command(name)(getattr(rules, name.replace("-", "_")))

    return register


def _compare(app: typer.Typer) -> None:
    from aiprocure.cli import caio

    app.command()(caio.compare)


def _diff(app: typer.Typer) -> None:
    from aiprocure.cli import caio

    app.command("diff")(caio.diff_cmd)


def _migrate(app: typer.Typer) -> None:
    from aiprocure.cli import migrate

    app.command()(migrate.migrate)


def _config(app: typer.Typer) -> None:
    from aiprocure.cli import caio

    config_app = typer.Typer(help=caio.CONFIG_HELP, no_args_is_help=True)
    config_app.command("show")(caio.config_show)
    app.add_typer(config_app, name="config")


def _inventory(app: typer.Typer) -> None:
    from aiprocure.cli import inventory

    inventory_app = typer.Typer(help=inventory.INVENTORY_HELP, no_args_is_help=True)
    inventory_app.command("add")(inventory.inventory_add)
    inventory_app.command("list")(inventory.inventory_list)
    inventory_app.command("export")(inventory.inventory_export)
    inventory_app.command("expiring")(inventory.inventory_expiring)
    app.add_typer(inventory_app, name="inventory")


# Every command in the order of the help's list: name -> what registers it.
COMMANDS: dict[str, Callable[[typer.Typer], None]] = {
    "check": _check,
    **{name: _rules(name) for name in ("validate", "init", "schema", "rules", "explain")},
    "lint-checklist": _rules("lint-checklist"),
    "compare": _compare,
    "diff": _diff,
    "migrate": _migrate,
    "config": _config,
    "inventory": _inventory,
}


class _Application(typer.Typer):
    """A typer application whose commands (``only``, or all of them) are registered when typer
    first reads them, not when it is created."""

    def __init__(self, only: str | None = None) -> None:
        self._only = only
        self._loaded = False
        super().__init__(
            name="aiprocure",
            help=_HELP,
            no_args_is_help=True,
            add_completion=True,  # --install-completion / --show-completion
            pretty_exceptions_enable=False,
        )
        self.callback()(_root)

    @property
    def registered_commands(self) -> list[CommandInfo]:
        self._load()
        return self._commands

    @registered_commands.setter
    def registered_commands(self, value: list[CommandInfo]) -> None:
        self._commands = value

    @property
    def registered_groups(self) -> list[TyperInfo]:
        self._load()
        return self._groups

    @registered_groups.setter
    def registered_groups(self, value: list[TyperInfo]) -> None:
        self._groups = value

    def _load(self) -> None:
        if not self._loaded:
            self._loaded = True
            for name, register in COMMANDS.items():
                if self._only in (None, name):
                    register(self)


def _version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"aiprocure {__version__}\n")
        raise typer.Exit(0)


def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
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


# Click's usage errors begin with these; under a Japanese run they are told in Japanese too.
_USAGE_JA = (
    ("No such option", "そのようなオプションはありません"),
    ("No such command", "そのようなコマンドはありません"),
    ("Missing argument", "引数がありません"),
    ("Missing option", "オプションがありません"),
    ("Invalid value", "値が不正です"),
    ("Got unexpected extra argument", "余分な引数があります"),
    ("Option", "オプションの誤り"),
)


def main() -> None:
    _text_streams_never_fail()
    # typer 0.29 carries its own click (pinned in pyproject.toml); its exceptions live there.
    from typer._click.exceptions import ClickException, UsageError

    from aiprocure.model.common import Lang

    command = typer.main.get_command(_application(sys.argv[1:]))
    try:
        code = command.main(prog_name="aiprocure", standalone_mode=False)
    except UsageError as exc:
        if not exc.format_message():  # no_args_is_help: the help is already printed
            raise SystemExit(exc.exit_code) from None
        if exc.ctx is not None:
            sys.stderr.write(exc.ctx.get_usage() + "\n")
        message = exc.format_message()
        if _usage_lang() is Lang.JA:
            ja = next((j for en, j in _USAGE_JA if message.startswith(en)), "使い方の誤り")
            sys.stderr.write(f"エラー: {ja}（{message}）\n")
        else:
            sys.stderr.write(f"Error: {message}\n")
        raise SystemExit(2) from None
    except ClickException as exc:
        exc.show()
        raise SystemExit(exc.exit_code) from None
    except typer.Abort:
        sys.stderr.write("Aborted!\n")
        raise SystemExit(1) from None
    raise SystemExit(code if isinstance(code, int) else 0)


def _application(args: list[str]) -> typer.Typer:
    """The application for this command line: the named command's alone when the line starts
    with one (after ``--debug``), so nothing else is imported; else the whole of it (the root's
    help, a usage error, shell completion)."""
    named = next((arg for arg in args if arg != "--debug"), None)
    if named in COMMANDS and not os.environ.get("_AIPROCURE_COMPLETE"):
        return _Application(only=named)
    return app


def _usage_lang() -> object:
    """The language of a usage error: ``--lang`` as written on the command line (it may not have
    been parsed), else AIPROCURE_LANG, else the locale's."""
    import os

    from aiprocure.cli.options import lang_of
    from aiprocure.model.common import Lang

    argv = sys.argv[1:]
    for i, arg in enumerate(argv):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        if value in {"ja", "en"}:
            return Lang(value)
    env = os.environ.get("AIPROCURE_LANG")
    return lang_of(Lang(env) if env in {"ja", "en"} else None)


app: typer.Typer = _Application()
