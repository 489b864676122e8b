"""Notices about a declaration's age and its evidence (docs/declaration-format.md section 4): an old
declaration (``declared_on``), old or undated evidence, an evidence file whose digest was not
declared; and the evidence files as report inputs. Judged on the assessment date the caller gives:
no clock is read here. A notice never changes a verdict (docs/verdicts.md section 14)."""

from __future__ import annotations

import posixpath
from datetime import date
from typing import Any

from aiprocure.engine.locations import location_of
from aiprocure.model.facts import FactIndex
from aiprocure.model.findings import InputDigest, Notice, maker
from aiprocure.model.ruleset import Ruleset
from aiprocure.sources.yamlsrc import Document

# One evidence entry wherever it sits: (path, document, file, date, line, col)
_Entry = tuple[str, str, str | None, str | None, int, int]


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _entries(data: dict[str, Any], doc: Document | None, index: FactIndex) -> list[_Entry]:
    """Every evidence entry of the declaration, each once, in file order."""
    out: dict[_Entry, None] = {}
    for info in index.facts.values():
        for e in info.evidence:
            out.setdefault((info.path, e.document, e.file, e.date, e.line, e.col), None)
    for section, value in data.items():
        items = value.get("evidence") if isinstance(value, dict) else None
        for i, e in enumerate(items if isinstance(items, list) else []):
            if not isinstance(e, dict):
                continue
            pos = doc.position((section, "evidence", i)) if doc is not None else None
            line, col = (pos.line, pos.col) if pos is not None else (1, 1)
            when = e.get("date")
            entry = (section, str(e.get("document")), e.get("file"), when and str(when), line, col)
            out.setdefault(entry, None)
    return sorted(out, key=lambda e: (e[4], e[5], e[0], e[1]))


_new_notice = maker(Notice)
_TEXT = (str, type(None))


def _notice(
    kind: str,
    path: str,
    document: str | None = None,
    file: str | None = None,
    date: str | None = None,
    age_days: int | None = None,
    limit_days: int | None = None,
    line: int = 1,
    col: int = 1,
) -> Notice:
    """A notice, built without re-validating when its texts are texts (they are, from a
    validated declaration); ``Notice`` validates anything else."""
    values: dict[str, Any] = {
        "kind": kind,
        "path": path,
        "document": document,
        "file": file,
        "date": date,
        "age_days": age_days,
        "limit_days": limit_days,
        "line": line,
        "col": col,
    }
    if type(path) is str and type(document) in _TEXT and type(file) in _TEXT:
        return _new_notice(values)
    return Notice.model_validate(values)


def notices(
    data: dict[str, Any],
    doc: Document | None,
    file: str,
    ruleset: Ruleset,
    today: date | None,
) -> list[Notice]:
    """The report's notices, in file order. Ages only when ``today`` is given."""
    index = doc.facts if doc is not None else FactIndex()
    out: list[Notice] = []
    declared = _day(data.get("declared_on"))
    limit = ruleset.declaration_max_age_days
    if today is not None and declared is not None and (today - declared).days > limit:
        loc = location_of(doc, "declared_on", file)
        out.append(
            _notice(
                kind="declaration_old",
                path="declared_on",
                date=declared.isoformat(),
                age_days=(today - declared).days,
                limit_days=limit,
                line=loc.line,
                col=loc.col,
            )
        )
    limit = ruleset.evidence_max_age_days
    entries = _entries(data, doc, index)
    for path, document, named, when, line, col in entries:
        day = _day(when)
        if day is None and index.version == "2.0":
            out.append(_notice("evidence_undated", path, document, named, line=line, col=col))
        elif day is not None and today is not None and (today - day).days > limit:
            age = (today - day).days
            out.append(
                _notice(
                    "evidence_old", path, document, named, day.isoformat(), age, limit, line, col
                )
            )
    placed = {e[2]: e for e in entries if e[2]} if index.evidence_files else {}
    for f in index.evidence_files:
        if not f.declared:
            at = placed.get(f.path)
            out.append(
                _notice(
                    kind="digest_not_declared",
                    path=at[0] if at else f.path,
                    document=at[1] if at else None,
                    file=f.path,
                    line=at[4] if at else 1,
                    col=at[5] if at else 1,
                )
            )
    if len(out) > 1:
        out.sort(key=lambda n: (n.line, n.col, n.kind, n.path))
    return out


def evidence_inputs(index: FactIndex, file: str) -> list[InputDigest]:
    """Every evidence file as a report input, named from the declaration's folder."""
    if not index.evidence_files:
        return []
    folder = posixpath.dirname(str(file).replace("\\", "/"))
    return [
        InputDigest(
            kind="evidence",
            path=posixpath.join(folder, f.path),
            sha256=f.sha256,
            declared=f.declared,
        )
        for f in sorted(index.evidence_files, key=lambda f: f.path)
    ]
