"""The shipped checklists, precompiled: the rule set ``load_checklists()`` builds from the packs
installed with the package, stored once as a pickle beside this module so that a start-up does
not parse, validate and cross-check the same YAML every time (nor build the checklist models).

The file begins with a key line: the sha256 of the package version, the pydantic and Python
versions, every shipped checklist file's name and bytes and the source of ``aiprocure.model``.
``precompiled_ruleset`` returns the stored rule set only when that key matches the files
installed now; otherwise (an edited pack, a changed model, a different pydantic, a missing or
unreadable file) it returns None and the caller loads the packs the normal way. Only the shipped packs are precompiled: ministry packs (``--checklist``, the
configuration) are always loaded in full, with positions, and cross-checked with the shipped ones.

The pickle is written by this package's own build step (``python -m aiprocure.api.shipped_build``)
and installed with it, like its byte code; ``tests/unit/test_shipped_precompiled.py`` checks that
it is current and equal to a fresh load.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic.version import VERSION as PYDANTIC_VERSION

from aiprocure import __version__
from aiprocure.model.ruleset import Ruleset

PRECOMPILED = Path(__file__).with_name("shipped_rules.pickle")
MODEL_SOURCES = Path(__file__).parents[1] / "model"


def shipped_key(files: Sequence[Path]) -> str:
    """The key of a precompiled rule set for these checklist files (packs and retired IDs): their
    names and bytes, and the source of the models they are made of (a changed model, even with
    the same packs, must not be served objects of its old shape)."""
    digest = hashlib.sha256()
    python = "{}.{}".format(*sys.version_info[:2])
    digest.update(f"aiprocure {__version__}\npydantic {PYDANTIC_VERSION}\n{python}\n".encode())
    models = sorted(MODEL_SOURCES.rglob("*.py"))
    named = [(p.name, p) for p in files]
    named += [(p.relative_to(MODEL_SOURCES).as_posix(), p) for p in models]
    for name, path in named:
        body = hashlib.sha256(path.read_bytes()).hexdigest()
        digest.update(f"{name}\0{body}\n".encode())
    return digest.hexdigest()


def precompiled_ruleset(files: Sequence[Path], stored: Path | None = None) -> Ruleset | None:
    """The stored rule set if its key matches ``files`` now, else None (load them in full)."""
    try:
        head, _, body = (stored or PRECOMPILED).read_bytes().partition(b"\n")
        if head.decode("ascii") != shipped_key(files):
            return None
        ruleset = pickle.loads(body)  # our own file, installed with the package
    except Exception:  # missing, unreadable or stale in any way: the normal load decides
        return None
    return ruleset if isinstance(ruleset, Ruleset) else None


def store_ruleset(ruleset: Ruleset, files: Sequence[Path], stored: Path = PRECOMPILED) -> None:
    """Write ``ruleset`` (a fresh load of ``files``) with its key."""
    body = pickle.dumps(ruleset, protocol=pickle.HIGHEST_PROTOCOL)
    stored.write_bytes(shipped_key(files).encode("ascii") + b"\n" + body)
