"""Loading checklists and declarations and assessing one declaration: the building blocks under
``api.open_session`` (re-exported by ``aiprocure.api``).

>>> from aiprocure import api
>>> ruleset = api.load_checklists()
>>> report = api.assess_file(Path("examples/domestic-low-risk.yaml"), ruleset)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from aiprocure.engine.assess import assess
from aiprocure.errors import InputError, Problem
from aiprocure.model.checklist import Checklist
from aiprocure.model.declaration import Declaration
from aiprocure.model.findings import InputDigest, Report
from aiprocure.model.ruleset import Ruleset, Source
from aiprocure.sources.crossref import crosscheck
from aiprocure.sources.load import load, parse_file, validate
from aiprocure.sources.yamlsrc import Document

__all__ = [
    "InputError",
    "Problem",
    "Report",
    "assess",
    "assess_file",
    "assess_loaded",
    "expand_paths",
    "load_checklists",
    "load_declaration",
    "shipped_checklist_paths",
]

YAML_SUFFIXES = (".yaml", ".yml")


@cache  # where the package is installed does not change while it runs
def shipped_checklist_dir() -> Path:
    """The checklists installed with the package (or, in a source checkout, the repo's)."""
    installed = resources.files("aiprocure") / "checklists"
    if installed.is_dir():
        return Path(str(installed))
    return Path(__file__).resolve().parents[3] / "checklists"


def shipped_checklist_paths() -> list[Path]:
    return sorted(p for p in shipped_checklist_dir().iterdir() if p.suffix in YAML_SUFFIXES)


def load_checklist_docs(paths: Iterable[Path]) -> list[tuple[Checklist, Document]]:
    """Parse and validate checklist files, then cross-check them as one set; all problems at once."""
    packs: list[tuple[Checklist, Document]] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            doc = parse_file(path)
            packs.append((validate(doc, Checklist), doc))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    problems = crosscheck(packs)
    if problems:
        raise InputError(problems)
    return packs


def load_checklists(extra: Sequence[Path] = (), *, shipped: bool = True) -> Ruleset:
    """The shipped DS-920 packs (unless ``shipped=False``) followed by ``extra`` packs."""
    paths = [*(shipped_checklist_paths() if shipped else []), *extra]
    packs = load_checklist_docs(paths)
    return Ruleset.build(
        [(cl, Source(path=_display(doc.path), sha256=doc.sha256)) for cl, doc in packs]
    )


def _display(path: str) -> str:
    """Shipped checklists are named relative to the package so reports do not embed install paths."""
    p = Path(path)
    try:
        return "aiprocure:checklists/" + str(p.resolve().relative_to(_shipped_dir_resolved()))
    except ValueError:
        return path


@cache
def _shipped_dir_resolved() -> Path:
    return shipped_checklist_dir().resolve()


def load_declaration(path: Path) -> tuple[Declaration, Document]:
    return load(path, Declaration)


def assess_file(path: Path, ruleset: Ruleset, *, generated_at: str | None = None) -> Report:
    declaration, doc = load_declaration(path)
    return assess_loaded(path, declaration, doc, ruleset, generated_at=generated_at)


def assess_loaded(
    path: Path,
    declaration: Declaration,
    doc: Document,
    ruleset: Ruleset,
    *,
    generated_at: str | None = None,
) -> Report:
    """``assess_file`` for a declaration already loaded from ``path`` (``load_declaration``)."""
    inputs = [InputDigest(kind="declaration", path=str(path), sha256=doc.sha256)]
    inputs += checklist_digests(ruleset)
    return assess(
        declaration, ruleset, file=str(path), doc=doc, inputs=inputs, generated_at=generated_at
    )


_CHECKLIST_DIGESTS = -4  # Ruleset.engine_cache key (never an id())


def checklist_digests(ruleset: Ruleset) -> list[InputDigest]:
    """The rule set's checklists as a report's inputs: made once per rule set and shared (frozen,
    made of strings); each report gets a list of its own."""
    cached = ruleset.engine_cache.get(_CHECKLIST_DIGESTS)
    if cached is None or cached[0] != ruleset.checklists:
        digests = [
            InputDigest(kind="checklist", path=src.path, sha256=src.sha256)
            for _, src in ruleset.checklists
        ]
        cached = ruleset.engine_cache[_CHECKLIST_DIGESTS] = (list(ruleset.checklists), digests)
    return list(cached[1])


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files as given; directories become their *.yaml / *.yml entries (recursive, sorted).

    Anything in a directory with a YAML suffix is kept, even a broken link or a FIFO, so that it
    gets its own positioned error instead of being skipped in silence."""
    out: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and not p.is_dir()
            )
            if not found:
                problems.append(
                    Problem(
                        str(path),
                        1,
                        1,
                        "directory holds no .yaml or .yml files",
                        "ディレクトリに .yaml / .yml ファイルがありません",
                    )
                )
            out.extend(found)
        else:
            out.append(path)
    if problems:
        raise InputError(problems)
    return out
