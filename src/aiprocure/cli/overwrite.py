"""Never write over an input of the same run: ``check -o``, ``compare -o`` and ``inventory export
--csv`` refuse a target that is a file the run reads, unless ``--force``."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from aiprocure import api
from aiprocure.cli.options import fail
from aiprocure.errors import InputError, Problem
from aiprocure.model.common import Lang

_OVERWRITE = (
    "is an input of this run; the output would overwrite it (use --force to write it anyway)",
    "この実行の入力ファイルです。出力で上書きされます（それでも書くには --force）",
)


def _identity(path: Path) -> tuple[object, ...] | None:
    """What makes two names the same file: device and inode, else the resolved path."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        try:
            return ("path", str(path.resolve()))
        except (OSError, ValueError, RuntimeError):
            return None
    return ("inode", info.st_dev, info.st_ino)


def refuse_overwrite(
    outputs: Iterable[Path], inputs: Iterable[Path], lang: Lang, *, force: bool
) -> None:
    """Exit 2 if an output file is one of the run's inputs (a declaration, config, pack, waivers
    file, the inventory), compared by device and inode (else resolved path), unless ``force``."""
    if force:
        return
    read = {key for key in map(_identity, inputs) if key is not None}
    clashes = [out for out in outputs if _identity(out) in read]
    if clashes:
        fail([Problem(str(out), 1, 1, *_OVERWRITE) for out in clashes], lang)


def session_inputs(session: api.Session, paths: Iterable[Path]) -> list[Path]:
    """Every file a session's run reads: the declarations (directories expanded), the config, the
    packs and the waiver files."""
    inputs: list[Path] = []
    for path in paths:
        try:
            inputs.extend(api.expand_paths([path]))
        except InputError:  # reported when the run reads it
            inputs.append(path)
    loaded = session.config
    if loaded is not None:
        inputs += [loaded.path, *loaded.checklist_paths]
    inputs += [*session.options.checklists, *session.waiver_paths]
    return inputs
