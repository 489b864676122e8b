"""Evidence entries in a format 2.0 declaration (docs/declaration-format.md section 4): `kind`
required, the 2.0 keys refused in a 1.0 file, the entries of a fact (which leave the data the
model validates) checked against the model here, and evidence files read and hashed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError, create_model

from aiprocure.errors import Problem
from aiprocure.model.common import Strict
from aiprocure.model.declaration_types import Evidence
from aiprocure.model.facts import EvidenceEntry, EvidenceFile, EvidenceKind
from aiprocure.sources import evidence_files
from aiprocure.sources.facts_shape import dotted
from aiprocure.sources.load import describe
from aiprocure.sources.yamlsrc import Document

PathKey = tuple[str | int, ...]
Report = Callable[[PathKey, str, str], None]
NEW_KEYS = ("kind", "date", "file", "sha256")


@cache
def holder(annotation: Any) -> type[BaseModel]:
    """A model with one field, ``value``, of ``annotation``: validates a value outside its place."""
    made: type[BaseModel] = create_model("Fact", __base__=Strict, value=(annotation, None))
    return made


def validate_alone(
    doc: Document, annotation: Any, value: Any, at: PathKey, problems: list[Problem]
) -> bool:
    """Validate ``value`` as a value of ``annotation`` written at ``at``; errors positioned."""
    model = holder(annotation)
    try:
        model.model_validate({"value": value})
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            pos, found = doc.locate((*at, *loc[1:]))
            problems.append(Problem(doc.path, pos.line, pos.col, *describe(err, loc, found, model)))
        return False
    return True


class EvidenceReader:
    def __init__(self, doc: Document, version: str, report: Report, problems: list[Problem]):
        self.doc = doc
        self.version = version
        self.report = report
        self.problems = problems
        # (entry, file, declared digest, where `file` and `sha256` are written)
        self.files: list[tuple[PathKey, str, str | None, Problem, Problem]] = []

    def read(
        self, raw: Any, path: PathKey, *, in_data: bool
    ) -> list[tuple[PathKey, EvidenceEntry]]:
        """Check the list at ``path``; the entries of a fact (``in_data`` False) are returned."""
        if not isinstance(raw, list):
            if not in_data:
                validate_alone(self.doc, list[Evidence], raw, path, self.problems)
            return []
        out = []
        for i, item in enumerate(raw):
            at = (*path, i)
            if not isinstance(item, dict):
                if not in_data:
                    validate_alone(self.doc, Evidence, item, at, self.problems)
                continue
            if self.version != "2.0":
                for key in NEW_KEYS:
                    if key in item:
                        self.report(
                            (*at, key),
                            f"{dotted((*at, key))}: {key!r} is a format 2.0 key; set "
                            'schema_version: "2.0" (aiprocure migrate rewrites a 1.0 file)',
                            f"{dotted((*at, key))}: {key!r} は形式 2.0 のキーです。"
                            'schema_version: "2.0" にしてください（aiprocure migrate で 1.0 から書き換えられます）',
                        )
                continue
            if "kind" not in item:
                kinds = ", ".join(k.value for k in EvidenceKind)
                self.report(
                    at,
                    f"{dotted(at)}: missing required key 'kind' (in format 2.0: {kinds})",
                    f"{dotted(at)}: 必須のキー 'kind' がありません（形式 2.0: {kinds}）",
                )
            ok = in_data or validate_alone(self.doc, Evidence, item, at, self.problems)
            sha = item.get("sha256")
            if isinstance(item.get("file"), str) and (sha is None or _hex(sha)):
                self.files.append(
                    (at, item["file"], sha, self._at((*at, "file")), self._at((*at, "sha256")))
                )
            if ok and not in_data and "kind" in item:
                entry = Evidence.model_validate(item)
                pos = self.doc.position(at)
                out.append(
                    (
                        at,
                        EvidenceEntry(
                            document=entry.document,
                            kind=entry.kind or EvidenceKind.UNSPECIFIED,
                            section=entry.section,
                            page=entry.page,
                            url=None if entry.url is None else str(entry.url),
                            date=None if entry.date is None else entry.date.isoformat(),
                            file=entry.file,
                            sha256=entry.sha256,
                            digest_declared=entry.sha256 is not None,
                            line=pos.line,
                            col=pos.col,
                        ),
                    )
                )
        return out

    def _at(self, path: PathKey) -> Problem:
        """Where ``path`` is written, kept before the wrapper around it leaves the data; the
        message starts as the path, dotted."""
        pos = self.doc.locate(path)[0]
        return Problem(self.doc.path, pos.line, pos.col, dotted(path), dotted(path))

    def hash_files(self, folder: Path | None) -> tuple[list[EvidenceFile], dict[PathKey, str]]:
        """Read and hash every evidence file once (by its name); a refused file or a digest that
        does not match is a problem at the entry's `file` / `sha256`."""
        done: dict[str, tuple[str, int]] = {}
        listed: dict[tuple[str, str], EvidenceFile] = {}
        computed: dict[PathKey, str] = {}
        for at, name, declared, file_at, sha_at in self.files:
            if name not in done:
                try:
                    done[name] = evidence_files.digest(folder, name)
                except evidence_files.EvidenceFileError as exc:
                    self.problems.append(
                        replace(
                            file_at,
                            message=f"{file_at.message}: {exc.en}",
                            ja=f"{file_at.ja}: {exc.ja}",
                        )
                    )
                    done[name] = ("", -1)
            sha, size = done[name]
            if size < 0:
                continue
            if declared is not None and declared != sha:
                self.problems.append(
                    replace(
                        sha_at,
                        message=f"{sha_at.message}: evidence file {name!r} does not match its "
                        f"digest: declared {declared}, the file's is {sha}",
                        ja=f"{sha_at.ja}: 証拠ファイル {name!r} のダイジェストが一致しません"
                        f"（申告: {declared}、ファイル: {sha}）",
                    )
                )
                continue
            computed[at] = sha
            key = (name, sha)
            was = listed.get(key)
            declared_now = declared is not None or (was is not None and was.declared)
            listed[key] = EvidenceFile(name, sha, size, declared_now)
        return sorted(listed.values(), key=lambda f: (f.path, f.sha256)), computed


def _hex(value: Any) -> bool:
    return (
        isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)
    )


def with_digests(
    entries: list[tuple[PathKey, EvidenceEntry]], computed: dict[PathKey, str]
) -> tuple[EvidenceEntry, ...]:
    """The entries with the computed digest where none was declared."""
    return tuple(
        replace(e, sha256=computed[p]) if e.sha256 is None and p in computed else e
        for p, e in entries
    )
