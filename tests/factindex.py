"""Hand-made format-2.0 fact indexes for tests of the engine and the renderers.

The reader that fills ``Document.facts`` from 2.0 files lives in ``sources``; these helpers build
the same ``model.facts`` objects directly, so the verdict side is tested on its own: load a 1.0
declaration, then give its Document the index a 2.0 file would have produced (``with_facts``).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from aiprocure import api
from aiprocure.model.declaration import Declaration
from aiprocure.model.facts import (
    Condition,
    ConditionKind,
    EvidenceEntry,
    EvidenceFile,
    EvidenceKind,
    FactIndex,
    FactInfo,
    FactNote,
    NoteKind,
    PathKey,
    Resolution,
)
from aiprocure.model.fields import location_key
from aiprocure.sources.yamlsrc import Document

ROOT = Path(__file__).resolve().parents[1]


def evidence(document: str, kind: str, line: int = 1, **more: Any) -> EvidenceEntry:
    return EvidenceEntry(document=document, kind=EvidenceKind(kind), line=line, col=7, **more)


def condition(
    path: str, kind: str, value: Any, detail: str | None = None, line: int = 1
) -> Condition:
    return Condition(
        path=path, kind=ConditionKind(kind), detail=detail, value=value, line=line, col=5
    )


def note(
    path: str, kind: str, value: Any = None, detail: str | None = None, line: int = 1
) -> FactNote:
    return FactNote(path=path, kind=NoteKind(kind), detail=detail, value=value, line=line, col=5)


def fact(
    path: str,
    *,
    line: int = 1,
    resolution: Resolution = Resolution.UNCONDITIONAL,
    conditions: tuple[Condition, ...] = (),
    notes: tuple[FactNote, ...] = (),
    evidence: tuple[EvidenceEntry, ...] = (),
) -> tuple[PathKey, FactInfo]:
    info = FactInfo(
        path=path,
        line=line,
        col=3,
        resolution=resolution,
        conditions=conditions,
        notes=notes,
        evidence=evidence,
    )
    return location_key(path), info


def index(
    *facts: tuple[PathKey, FactInfo], files: tuple[EvidenceFile, ...] = (), version: str = "2.0"
) -> FactIndex:
    return FactIndex(version=version, facts=dict(facts), evidence_files=files)


def with_facts(doc: Document, facts: FactIndex) -> Document:
    return dataclasses.replace(doc, facts=facts)


def load(name: str, *, drop_evidence: tuple[str, ...] = ()) -> tuple[Declaration, Document]:
    """An example declaration, with the section evidence of ``drop_evidence`` removed."""
    declaration, doc = api.load_declaration(ROOT / "examples" / name)
    for key in drop_evidence:
        section = getattr(declaration, key).model_copy(update={"evidence": None})
        declaration = declaration.model_copy(update={key: section})
    return declaration, doc
