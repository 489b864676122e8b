"""Loading checklists and declarations and assessing one declaration: the building blocks under
``api.open_session`` (re-exported by ``aiprocure.api``).

>>> from aiprocure import api
>>> ruleset = api.load_checklists()
>>> report = api.assess_file(Path("examples/domestic-low-risk.yaml"), ruleset)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from aiprocure.api import shipped as _shipped
from aiprocure.api.paths import (
    YAML_SUFFIXES,
    Scan,
    expand_paths,
    hidden_character_warnings,
    scan_paths,
)
from aiprocure.engine.assess import assess
from aiprocure.engine.compiled import CompiledRuleset, compile_ruleset
from aiprocure.engine.waivers import WaiverSet
from aiprocure.errors import InputError, Problem
from aiprocure.model.checklist import Checklist
from aiprocure.model.declaration import Declaration
from aiprocure.model.findings import InputDigest, Report
from aiprocure.model.retired import RETIRED_FILE, RetiredFile, RetiredRule
from aiprocure.model.ruleset import Ruleset, Source
from aiprocure.sources.facts import read_facts
from aiprocure.sources.load import load, parse_file, validate
from aiprocure.sources.yamlsrc import Document

__all__ = [
    "InputError",
    "Problem",
    "Report",
    "Scan",
    "assess",
    "assess_file",
    "assess_loaded",
    "compiled_ruleset",
    "expand_paths",
    "hidden_character_warnings",
    "load_checklists",
    "load_declaration",
    "scan_paths",
    "shipped_checklist_paths",
]


@cache  # where the package is installed does not change while it runs
def shipped_checklist_dir() -> Path:
    """The checklists installed with the package (or, in a source checkout, the repo's)."""
    installed = resources.files("aiprocure") / "checklists"
    if installed.is_dir():
        return Path(str(installed))
    return Path(__file__).resolve().parents[3] / "checklists"


def shipped_checklist_paths() -> list[Path]:
    """The shipped rule packs (``retired.yaml`` is not a pack: see ``load_retired``)."""
    return sorted(
        p
        for p in shipped_checklist_dir().iterdir()
        if p.suffix in YAML_SUFFIXES and p.name != RETIRED_FILE
    )


def shipped_checklist_files() -> list[Path]:
    """Every shipped checklist file (the packs, then ``retired.yaml`` if present): the key of the
    precompiled rule set (``api.shipped``)."""
    retired = shipped_checklist_dir() / RETIRED_FILE
    return [*shipped_checklist_paths(), *([retired] if retired.is_file() else [])]


def load_retired() -> dict[str, RetiredRule]:
    """The retired rule IDs shipped with the package (``checklists/retired.yaml``)."""
    path = shipped_checklist_dir() / RETIRED_FILE
    if not path.is_file():
        return {}
    retired, _ = load(path, RetiredFile)
    return {r.id: r for r in retired.retired}


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
    from aiprocure.sources.crossref import crosscheck  # not needed by the precompiled packs

    problems = crosscheck(packs)
    if problems:
        raise InputError(problems)
    return packs


def load_checklists(
    extra: Sequence[Path] = (), *, shipped: bool = True, precompiled: bool = True
) -> Ruleset:
    """The shipped DS-920 packs (unless ``shipped=False``) followed by ``extra`` packs.

    The shipped packs alone come from their precompiled form when it matches the installed files
    (``api.shipped``; ``precompiled=False`` loads them in full); with ``extra`` packs everything is
    loaded and cross-checked as one set."""
    if shipped and precompiled and not extra:
        ruleset = _shipped.precompiled_ruleset(shipped_checklist_files())
        if ruleset is not None:
            return ruleset
    paths = [*(shipped_checklist_paths() if shipped else []), *extra]
    packs = load_checklist_docs(paths)
    ruleset = Ruleset.build(
        [(cl, Source(path=_display(doc.path), sha256=doc.sha256)) for cl, doc in packs]
    )
    ruleset.retired = load_retired()
    return ruleset


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


def load_declaration(path: Path, *, today: date | None = None) -> tuple[Declaration, Document]:
    """The declaration at ``path``; with ``today``, dates of past events after it are refused.
    Format 2.0 facts are resolved first (``sources.facts``; evidence files beside ``path``)."""
    doc = parse_file(path)
    read_facts(doc, None if str(path) == "-" else path.parent)
    return validate(doc, Declaration, today=today), doc


def assess_file(
    path: Path,
    ruleset: Ruleset | CompiledRuleset,
    *,
    generated_at: str | None = None,
    waivers: WaiverSet | None = None,
    today: date | None = None,
) -> Report:
    """Assess the declaration at ``path``; with ``waivers``, judged on ``today`` (see
    ``engine.assess``)."""
    declaration, doc = load_declaration(path)
    return assess_loaded(
        path, declaration, doc, ruleset, generated_at=generated_at, waivers=waivers, today=today
    )


def assess_loaded(
    path: Path,
    declaration: Declaration,
    doc: Document,
    ruleset: Ruleset | CompiledRuleset,
    *,
    generated_at: str | None = None,
    waivers: WaiverSet | None = None,
    today: date | None = None,
) -> Report:
    """``assess_file`` for a declaration already loaded from ``path`` (``load_declaration``)."""
    compiled = compiled_ruleset(ruleset)
    inputs = [InputDigest(kind="declaration", path=str(path), sha256=doc.sha256)]
    inputs += compiled.checklist_digests
    return assess(
        compiled,
        declaration,
        file=str(path),
        doc=doc,
        inputs=inputs,
        generated_at=generated_at,
        waivers=waivers,
        today=today,
    )


def compiled_ruleset(ruleset: Ruleset | CompiledRuleset) -> CompiledRuleset:
    """``ruleset`` compiled, once per rule set object: the last few compiled are kept (a rule set
    is equal only to itself). A rule set must not change once compiled."""
    if isinstance(ruleset, CompiledRuleset):
        return ruleset
    return _compiled(ruleset)


@lru_cache(maxsize=8)
def _compiled(ruleset: Ruleset) -> CompiledRuleset:
    return compile_ruleset(ruleset)
