"""What ``check`` writes where, and how: output targets (``-o``), the step summary, the console's
colour and batch view (``--details``), the SARIF base directory, and the notes about files a
folder scan left out."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from aiprocure.api.output import Out, TerminalStyle
from aiprocure.cli.options import usage, write
from aiprocure.errors import Problem
from aiprocure.model.common import Lang
from aiprocure.render import SUFFIXES, Format
from aiprocure.render.terminal_batch import Details

# GitHub: 65,536 characters per pull-request comment; a step summary holds up to 1024k.
COMMENT_LIMIT = 65_536
STEP_SUMMARY_LIMIT = 340_000  # characters: 1 MiB (1024k) at up to 3 UTF-8 bytes each
DetailsOpt = Annotated[
    Details,
    typer.Option(
        envvar="AIPROCURE_DETAILS",
        help="Several declarations: a summary line per file, then the full report of these files "
        "(auto: one declaration's report; in a batch, the first 10 failing).",
    ),
]
_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]+")  # FORMAT: (one letter is a Windows drive)


def output_target(spec: str, lang: Lang | None = None) -> tuple[Format, Path]:
    head, sep, tail = spec.partition(":")
    if sep and head in {f.value for f in Format} and tail:
        if head == Format.GITHUB:
            usage(
                "github: workflow commands only work on standard output (--format github); "
                "they cannot be written to a file",
                "github: のワークフローコマンドは標準出力（--format github）でのみ働くため、"
                "ファイルには書き出せません",
                lang,
            )
        return Format(head), Path(tail)
    if sep and _PREFIX.fullmatch(head):
        known = ", ".join(f.value for f in Format if f is not Format.GITHUB)
        usage(
            f"unknown format {head!r} in {spec!r} (formats: {known}); for a file whose name "
            "holds a colon write ./NAME",
            f"{spec!r} の形式 {head!r} は不明です（形式: {known}）。名前にコロンを含む"
            "ファイルは ./名前 と書いてください",
            lang,
        )
    path = Path(spec)
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(SUFFIXES))
        usage(
            f"cannot tell the format of {spec!r} from its suffix ({known}); write FORMAT:PATH",
            f"{spec!r} の拡張子から形式を判断できません（{known}）。形式:パス と書いてください",
            lang,
        )
    return fmt, path


def to_file(path: Path) -> Out:
    """The first piece replaces the file, the next ones (a streamed document) are appended."""
    started = False

    def out(data: str | bytes) -> None:
        nonlocal started
        if not started:
            write(path, data)
            started = True
            return
        try:
            with path.open("ab") as fh:
                fh.write(data if isinstance(data, bytes) else data.encode())
        except OSError as exc:
            usage(f"cannot write {path}: {exc.strerror or exc}")

    return out


def append_to(path: Path) -> Out:
    def out(data: str | bytes) -> None:
        text = data.decode() if isinstance(data, bytes) else data
        try:
            with path.open("a", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        except OSError as exc:
            usage(f"cannot write {path}: {exc.strerror or exc}")

    return out


def use_color(color: bool | None) -> bool:
    """``--color``/``--no-color``; else ``FORCE_COLOR``, then ``NO_COLOR`` (any non-empty value,
    as https://no-color.org and https://force-color.org say); else whether stdout is a terminal."""
    if color is not None:
        return color
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def console(width: int | None, show_waived: bool, color: bool | None) -> TerminalStyle:
    tty = sys.stdout.isatty()
    env = os.environ.get("COLUMNS", "")  # as a shell sets it, or a script or test
    found = int(env) if env.isdigit() else os.get_terminal_size().columns if tty else 100
    cols = width or min(max(found, 40), 400)  # the bounds of --width
    return TerminalStyle(width=cols, color=use_color(color), show_waived=show_waived)


def base_dir(given: Path | None, cwd: Path) -> Path:
    """Where SARIF uris start: ``--base-dir``, else the enclosing git repository's root (a
    directory holding ``.git``), else the working directory."""
    if given is not None:
        return (cwd / given).resolve()
    for folder in (cwd, *cwd.parents):
        if (folder / ".git").exists():
            return folder
    return cwd


def note_skipped(skipped: list[Path], lang: Lang) -> None:
    for path in skipped:
        message = (
            "YAML ファイルですが申告書ではないため読み飛ばしました（最上位に schema_version が"
            "ありません）"
            if lang is Lang.JA
            else "skipped: a YAML file but not a declaration (no top-level schema_version)"
        )
        sys.stderr.write(f"{path}: {message}\n")


def nothing_to_check(paths: list[Path]) -> Problem:
    where = str(paths[0]) if paths else "."
    return Problem(
        where,
        1,
        1,
        "no declarations to check (every YAML file was excluded or is not a declaration)",
        "確認する申告書がありません（YAML ファイルはすべて除外されたか、申告書ではありません）",
    )
