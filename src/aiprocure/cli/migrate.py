"""`aiprocure migrate OLD.yaml [-o NEW.yaml] [--check]`: a 1.0 declaration rewritten to format 2.0
(docs/declaration-format.md section 6), text-preserving; the logic is ``sources.migrate``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from aiprocure.cli.options import ForceOpt, ProblemLangOpt, emit, fail, lang_of, write
from aiprocure.cli.overwrite import refuse_overwrite
from aiprocure.errors import InputError
from aiprocure.model.common import Lang
from aiprocure.render.safe import clean
from aiprocure.sources.migrate import migrate_file

_ALREADY = ("is format 2.0 already; nothing to do", "すでに形式 2.0 です。変更はありません")
_WOULD = ("would be rewritten to format 2.0", "形式 2.0 に書き換えが必要です")


def _say(path: Path, message: tuple[str, str], lang: Lang) -> None:
    text = message[0] if lang is Lang.EN else message[1]
    sys.stderr.write(f"{clean(str(path))}: {text}\n")


def migrate(
    path: Annotated[
        Path, typer.Argument(help="A format 1.0 declaration ('-' for standard input).")
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the 2.0 declaration here (default: stdout)."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 if the file would be rewritten."),
    ] = False,
    force: ForceOpt = False,
    lang: ProblemLangOpt = None,
) -> None:
    """Rewrite a 1.0 declaration as format 2.0, keeping its comments and layout."""
    language = lang_of(lang)
    try:
        new = migrate_file(path)
    except InputError as exc:
        fail(exc.problems, language)
    if new is None:
        _say(path, _ALREADY, language)
        return
    if check:
        _say(path, _WOULD, language)
        raise typer.Exit(1)
    if output is None:
        emit(new)
        return
    refuse_overwrite([output], [path], language, force=force)
    write(output, new)
