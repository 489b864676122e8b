"""Reading format 2.0 (docs/declaration-format.md): between parsing and validation, every fact
written as a wrapper is checked for shape, resolved to its effective value (``facts_resolve``),
and replaced by it in the document's data (or removed when unanswered); the positions keep
pointing at the value that counts, and ``Document.facts`` receives what the verdict rests on.

A 1.0 file is left as it is (its index stays empty); a wrapper or a 2.0 evidence key in it is an
error that says to set ``schema_version: "2.0"``.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from yaml.error import Mark

from aiprocure.errors import InputError, Problem
from aiprocure.model.common import Country
from aiprocure.model.declaration import Declaration
from aiprocure.model.facts import FactIndex, FactInfo, FactNote, NoteKind, Resolution
from aiprocure.sources.facts_evidence import EvidenceReader, validate_alone, with_digests
from aiprocure.sources.facts_fields import (
    EVERY_COUNTRY,
    REMOVED,
    args_of,
    is_country_list,
    is_list,
    model_of,
    plans_of,
    sub_paths,
)
from aiprocure.sources.facts_resolve import ANY, Option, PathKey, resolve
from aiprocure.sources.facts_shape import WRAPPER_ONLY, ShapeReader, dotted, is_wrapper
from aiprocure.sources.yamlsrc import Document


def _report(doc: Document, problems: list[Problem], path: PathKey, en: str, ja: str) -> None:
    pos = doc.locate(path)[0]
    problems.append(Problem(doc.path, pos.line, pos.col, en, ja))


class FactReader:
    def __init__(self, doc: Document, version: str) -> None:
        self.doc = doc
        self.version = version
        self.problems: list[Problem] = []
        self.facts: dict[PathKey, tuple[FactInfo, list[Any]]] = {}
        self.report = partial(_report, doc, self.problems)  # not self's method: no ref. cycle
        self.evidence = EvidenceReader(doc, version, self.report, self.problems)

    def where(self, path: PathKey) -> tuple[int, int]:
        pos = self.doc.locate(path)[0]
        return pos.line, pos.col

    def run(self) -> None:
        data = self.doc.data
        for key, plan in plans_of(Declaration).items():
            if plan.model is not None and isinstance(data.get(key), dict):
                self.walk(plan.model, data[key], (key,), inside=False)
        if self.version == "2.0":
            for (section, key), (new, new_ja) in REMOVED.items():
                node = data.get(section)
                if isinstance(node, dict) and key in node:
                    self.report(
                        (section, key),
                        f"{section}.{key} is a format 1.0 key, removed in 2.0: write {new} "
                        "(aiprocure migrate rewrites it)",
                        f"{section}.{key} は形式 1.0 のキーで、2.0 にはありません。{new_ja} に書いてください"
                        "（aiprocure migrate で書き換えられます）",
                    )

    def walk(
        self, model: type[BaseModel], node: dict[str, Any], path: PathKey, *, inside: bool
    ) -> None:
        plans = plans_of(model)
        for key in list(node):
            plan = plans.get(key)
            if plan is None:
                continue  # an unknown key: the model says so, with a "did you mean"
            value = node[key]
            if key == "evidence":
                self.evidence.read(value, (*path, key), in_data=True)
            elif isinstance(value, dict):
                if "value" in value or "options" in value:
                    self.wrapper(node, key, (*path, key), plan.annotation, inside)
                elif plan.model is None:
                    if WRAPPER_ONLY & value.keys():
                        sub = (*path, key)
                        self.report(
                            sub,
                            f"{dotted(sub)}: a fact with conditions needs its value (value: ...) "
                            "or options (options: [...])",
                            f"{dotted(sub)}: 条件付きの事実には value または options が必要です",
                        )
                elif not plan.listed:  # the common case: a plain object of facts
                    self.walk(plan.model, value, (*path, key), inside=inside)
            elif isinstance(value, list):
                self.items(value, plan.model, (*path, key), inside)
            elif value == "any" and self.version == "2.0":  # no object or list comes of it
                self.plain(node, key, (*path, key), plan.annotation)

    def wrapper(
        self, node: dict[str, Any], key: str, sub: PathKey, annotation: Any, inside: bool
    ) -> None:
        """The fact at ``sub`` is written as a wrapper (value/options)."""
        if self.version != "2.0":
            self.report(
                sub,
                f"{dotted(sub)}: a fact with conditions (value/options) is format 2.0; set "
                'schema_version: "2.0" (aiprocure migrate rewrites a 1.0 file)',
                f"{dotted(sub)}: 条件付きの事実（value/options）は形式 2.0 です。"
                'schema_version: "2.0" にしてください（aiprocure migrate で 1.0 から書き換えられます）',
            )
            return
        if inside:
            self.report(
                sub,
                f"{dotted(sub)}: a wrapper (value/options) inside another wrapper is not "
                "allowed; state the conditions once, on the outer fact",
                f"{dotted(sub)}: 条件付きの記述（value/options）の中に別の条件付きの記述は書けません",
            )
            return
        self.wrapped(node, key, sub, annotation)
        value, model = node.get(key), model_of(annotation)  # the value that counts, walked
        if isinstance(value, dict) and model is not None and not is_list(annotation):
            self.walk(model, value, sub, inside=True)
        elif isinstance(value, list):
            self.items(value, model, sub, True)

    def items(
        self, value: list[Any], model: type[BaseModel] | None, path: PathKey, inside: bool
    ) -> None:
        """The items of the list at ``path``: objects of ``model`` are walked; none is a fact."""
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                continue  # the common case: a list of text
            if "value" in item or "options" in item:
                at = (*path, i)
                self.report(
                    at,
                    f"{dotted(at)}: a list item is not a fact; put the conditions on the "
                    "whole list (or on the item's fields)",
                    f"{dotted(at)}: リストの項目は事実ではありません。条件はリスト全体"
                    "（または項目のフィールド）に書いてください",
                )
            elif model is not None:
                self.walk(model, item, (*path, i), inside=inside)

    def _any(self, value: Any, annotation: Any, at: PathKey) -> Any:
        """`any` becomes ANY where a list of countries is expected; elsewhere it is an error where
        it cannot be a value (a list, a country)."""
        if value != "any":
            return value
        if is_country_list(annotation):
            return ANY
        if is_list(annotation) or annotation == Country or Country in args_of(annotation):
            self.report(
                at,
                f"{dotted(at)}: 'any' is allowed only for a list of countries",
                f"{dotted(at)}: 'any' は国のリストにだけ書けます",
            )
        return value

    def _every_country(
        self, node: dict[str, Any], key: str, path: PathKey, mark: Mark | None
    ) -> None:
        """`any`: every assigned code, each positioned where `any` was written."""
        node[key] = list(EVERY_COUNTRY)
        if mark is not None:
            for i in range(len(EVERY_COUNTRY)):
                self.doc.marks[(*path, i)] = mark

    def plain(self, node: dict[str, Any], key: str, path: PathKey, annotation: Any) -> Any:
        value = self._any(node[key], annotation, path)
        if value is ANY:
            self._every_country(node, key, path, self.doc.marks.get(path))
            line, col = self.where(path)
            note = FactNote(dotted(path), NoteKind.ANY_REGION, None, "any", line, col)
            self.facts[path] = (
                FactInfo(dotted(path), line, col, Resolution.UNCONDITIONAL, notes=(note,)),
                [],
            )
        return node[key]

    def wrapped(self, node: dict[str, Any], key: str, path: PathKey, annotation: Any) -> None:
        raw = node[key]
        line, col = self.where(path)
        evidence = (
            self.evidence.read(raw["evidence"], (*path, "evidence"), in_data=False)
            if "evidence" in raw
            else []
        )
        shape = ShapeReader(self.report, self.where, is_list=is_list(annotation)).read(raw, path)
        if shape is None:
            return
        options, form_value = shape
        if not form_value and len(options) != len(raw["options"]):
            return  # an option that is not {value: ...}: reported
        where: list[PathKey] = []
        resolved_options: list[Option] = []
        per_option: list[list[Any]] = []
        for i, opt in enumerate(options):
            at = (*path, "value") if form_value else (*path, "options", i, "value")
            where.append(at)
            resolved_options.append(replace(opt, value=self._any(opt.value, annotation, at)))
            own = raw["options"][i].get("evidence") if not form_value else None
            per_option.append(
                []
                if own is None
                else self.evidence.read(own, (*path, "options", i, "evidence"), in_data=False)
            )
        res = resolve(path, dotted(path), resolved_options, form_value)
        for i in res.counted:  # the fact's evidence, and that of the options that count
            evidence += per_option[i]
        for i, opt in enumerate(resolved_options):  # the value that counts is walked below
            counted = i in res.counted or opt.value is ANY
            if not counted and self.no_wrappers(opt.value, where[i]):
                validate_alone(self.doc, annotation, opt.value, where[i], self.problems)
        marks = self.doc.marks
        old = {p: marks[p] for p in sub_paths(raw, path) if p in marks}
        for p in old:
            del marks[p]
        if not res.answered:
            del node[key]
        elif res.value is ANY:
            src = old.get(where[res.counted[0]]) if len(res.counted) == 1 else marks.get(path)
            self._every_country(node, key, path, src)
            if len(res.counted) == 1 and src is not None:
                marks[path] = src
        elif len(res.counted) == 1:
            node[key] = res.value
            top = where[res.counted[0]]
            for p, mark in old.items():
                if p[: len(top)] == top:
                    marks[(*path, *p[len(top) :])] = mark
        else:
            node[key] = res.value
            self._union_marks(res.value, resolved_options, where, old, path)
        info = FactInfo(
            dotted(path), line, col, res.resolution, tuple(res.conditions), tuple(res.notes)
        )
        self.facts[path] = (info, evidence)

    def _union_marks(
        self,
        value: Any,
        options: list[Option],
        where: list[PathKey],
        old: dict[PathKey, Any],
        path: PathKey,
    ) -> None:
        if not isinstance(value, list):
            return
        for j, item in enumerate(value):
            for opt, at in zip(options, where, strict=True):
                if isinstance(opt.value, list) and item in opt.value:
                    mark = old.get((*at, opt.value.index(item)))
                    if mark is not None:
                        self.doc.marks[(*path, j)] = mark
                    break

    def no_wrappers(self, value: Any, at: PathKey) -> bool:
        for p in sub_paths(value, at):
            node = value
            for seg in p[len(at) :]:
                node = node[seg]
            if is_wrapper(node):
                self.report(
                    p,
                    f"{dotted(p)}: a wrapper (value/options) inside another wrapper is not "
                    "allowed; state the conditions once, on the outer fact",
                    f"{dotted(p)}: 条件付きの記述（value/options）の中に別の条件付きの記述は書けません",
                )
                return False
        return True


def read_facts(doc: Document, folder: Path | None) -> None:
    """Resolve the facts of a parsed declaration in place and fill ``doc.facts``; ``folder`` is
    the declaration's folder (None for standard input), where evidence files are looked for."""
    if not isinstance(doc.data, dict):
        return  # the model says what is wrong
    version = doc.data.get("schema_version")
    reader = FactReader(doc, version if isinstance(version, str) else "")
    reader.run()
    if reader.problems:
        raise InputError(reader.problems)
    if version != "2.0":
        return
    files, computed = reader.evidence.hash_files(folder)
    if reader.problems:
        raise InputError(reader.problems)
    facts = {
        path: replace(info, evidence=with_digests(entries, computed))
        for path, (info, entries) in reader.facts.items()
    }
    doc.facts = FactIndex(version="2.0", facts=facts, evidence_files=tuple(files))
