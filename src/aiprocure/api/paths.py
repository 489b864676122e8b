"""Which files a run reads: paths as given, directories expanded to their YAML files
(``expand_paths``, ``scan_paths`` for ``aiprocure check``), and the hidden-character warnings
read from those files apart from the assessment. Re-exported by ``aiprocure.api.core``."""

from __future__ import annotations

import errno
import fnmatch
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from aiprocure.errors import InputError, Problem
from aiprocure.sources.load import parse_file

YAML_SUFFIXES = (".yaml", ".yml")


def hidden_character_warnings(paths: Sequence[Path]) -> list[Problem]:
    """Warnings (positioned, in file order) for every key or text value of the declarations at
    ``paths`` that holds invisible or direction-changing characters (``sources.hidden``).

    Read apart from the assessment, so that they are the same whichever process assesses a file:
    a file is parsed again only when its text holds such a character at all (rare). A file that
    cannot be read or parsed gives no warning here: its run reports it."""
    from aiprocure.model.invisible import UNSAFE
    from aiprocure.sources.hidden import hidden_characters
    from aiprocure.sources.load import read_bytes

    try:
        files = expand_paths(paths)
    except InputError:
        return []
    found: list[Problem] = []
    for path in files:
        if str(path) == "-":  # standard input can be read once only: the assessment reads it
            continue
        try:
            text = read_bytes(path).decode("utf-8", "replace").removeprefix("\ufeff")
            if UNSAFE.search(text.replace("\t", "").replace("\n", "").replace("\r", "")):
                found += hidden_characters(parse_file(path))
        except InputError:
            continue
    return found


DECLARATION_KEY = re.compile(rb"""^["']?schema_version["']?[ \t]*:""", re.MULTILINE)


@dataclass(frozen=True)
class Scan:
    """What a directory scan found: the declarations, and the YAML files it left out and why
    (``excluded``: an ``--exclude`` glob; ``not_declarations``: no top-level ``schema_version``)."""

    files: list[Path]
    excluded: list[Path]
    not_declarations: list[Path]


def _excluded(path: Path, root: Path | None, globs: Sequence[str]) -> bool:
    names = {path.as_posix(), path.name}
    if root is not None:
        names.add(path.relative_to(root).as_posix())
    return any(fnmatch.fnmatchcase(n, g) for n in names for g in globs)


def _is_declaration(path: Path) -> bool:
    """A YAML file in a directory is a declaration when it has ``schema_version:`` at the top
    level (a line starting with it). Unreadable files count as declarations: they get their own
    positioned error rather than a silent skip."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1 << 20)
    except OSError:
        return True
    return DECLARATION_KEY.search(head) is not None


def scan_paths(paths: Sequence[Path], exclude: Sequence[str] = ()) -> Scan:
    """``expand_paths`` for ``aiprocure check``: files named are always read; in a directory,
    files matching an ``exclude`` glob (on the name, the path below the directory or the path as
    given) and YAML files that are not declarations are left out, and listed."""
    files: list[Path] = []
    excluded: list[Path] = []
    others: list[Path] = []
    for path in paths:
        if str(path) != "-" and _is_dir(path):
            for found in expand_paths([path]):
                if _excluded(found, path, exclude):
                    excluded.append(found)
                elif found.is_file() and not _is_declaration(found):
                    others.append(found)
                else:
                    files.append(found)
        elif exclude and _excluded(path, None, exclude):
            excluded.append(path)
        else:
            files.append(path)
    return Scan(files, excluded, others)


def _is_dir(path: Path) -> bool:
    """``path.is_dir()``, False where the path cannot even be looked at (a name too long, an
    overflowing stat): reading it then gives the positioned error."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files as given; directories become their *.yaml / *.yml entries (recursive, sorted;
    symbolic links to directories are not entered).

    Anything in a directory with a YAML suffix is kept, even a broken link or a FIFO, so that it
    gets its own positioned error instead of being skipped in silence; so does a directory that
    cannot be read (mode 000, a name too long): nothing is skipped in silence."""
    out: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            is_dir = path.is_dir()
        except (OSError, ValueError):  # ENAMETOOLONG, EOVERFLOW...: reading it will tell
            is_dir = False
        if not is_dir:
            out.append(path)
            continue
        found: list[Path] = []
        _walk(path, found, problems)
        if not found and not problems:
            problems.append(
                Problem(
                    str(path),
                    1,
                    1,
                    "directory holds no .yaml or .yml files",
                    "ディレクトリに .yaml / .yml ファイルがありません",
                )
            )
        out.extend(sorted(found))
    if problems:
        raise InputError(problems)
    return out


def _walk(directory: Path, found: list[Path], problems: list[Problem]) -> None:
    """The YAML files under ``directory``; a directory that cannot be listed is a problem."""
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        problems.append(_unreadable_directory(directory, exc))
        return
    for entry in entries:
        path = directory / entry.name
        try:
            real_dir = entry.is_dir(follow_symlinks=False)
            is_dir = real_dir or entry.is_dir()
        except OSError as exc:
            problems.append(_unreadable_directory(path, exc))
            continue
        if real_dir:
            _walk(path, found, problems)
        elif not is_dir and path.suffix in YAML_SUFFIXES:
            found.append(path)


def _unreadable_directory(path: Path, exc: OSError) -> Problem:
    if exc.errno == errno.ENAMETOOLONG:
        return Problem(str(path), 1, 1, "file name too long", "ファイル名が長すぎます")
    if isinstance(exc, PermissionError):
        return Problem(
            str(path),
            1,
            1,
            "cannot read directory: permission denied",
            "ディレクトリを読み取れません: 読み取りの権限がありません",
        )
    reason = exc.strerror or str(exc)
    return Problem(
        str(path),
        1,
        1,
        f"cannot read directory: {reason}",
        f"ディレクトリを読み取れません: {reason}",
    )
