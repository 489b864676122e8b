"""Checks on checklists that pydantic cannot do alone: every name a checklist uses must exist.

Unknown categories, lists, parameters, predicates (and their arguments), declaration fields,
evidence sections, values outside a field's enumeration, bad regular expressions, duplicate IDs,
and a second high-risk sheet are all reported, each at its position in its file.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import BaseModel

from aiprocure.engine.predicates import PREDICATES
from aiprocure.errors import Problem
from aiprocure.model.checklist import (
    All,
    AllIn,
    Any_,
    AtLeast,
    AtMost,
    Checklist,
    Condition,
    ContainsAll,
    Equals,
    Matches,
    NoneIn,
    NonEmpty,
    Not,
    OneOf,
    Predicate,
    Present,
    Scalar,
)
from aiprocure.model.declaration import Declaration
from aiprocure.model.fields import FieldInfo, field_info, sections, unwrap_annotation
from aiprocure.model.ruleset import COMPELLED_ACCESS_LIST
from aiprocure.sources.yamlsrc import Document

Loc = tuple[str | int, ...]


class _Checker:
    def __init__(self, packs: list[tuple[Checklist, Document]]) -> None:
        self.packs = packs
        self.problems: list[Problem] = []
        self.categories = {c.id for cl, _ in packs for c in cl.categories}
        self.lists: dict[str, list[Scalar]] = {}
        for cl, _ in packs:
            self.lists.update(cl.lists)
        if any(cl.jurisdictions for cl, _ in packs):
            self.lists.setdefault(COMPELLED_ACCESS_LIST, [])
        self.params = {p for cl, _ in packs for p in cl.parameters}
        self.sections = set(sections())

    def at(self, doc: Document, loc: Loc, message: str, ja: str) -> None:
        pos, _ = doc.locate(loc)
        self.problems.append(Problem(doc.path, pos.line, pos.col, message, ja))

    def run(self) -> list[Problem]:
        seen_rules: dict[str, str] = {}
        seen_cats: dict[str, str] = {}
        high_risk_in: str | None = None
        for cl, doc in self.packs:
            for i, cat in enumerate(cl.categories):
                if cat.id in seen_cats:
                    self.at(
                        doc,
                        ("categories", i, "id"),
                        f"category {cat.id!r} is already defined in {seen_cats[cat.id]}",
                        f"カテゴリ {cat.id!r} は {seen_cats[cat.id]} で定義済みです",
                    )
                seen_cats.setdefault(cat.id, doc.path)
            if cl.high_risk is not None:
                if high_risk_in is not None:
                    self.at(
                        doc,
                        ("high_risk",),
                        f"a high-risk sheet is already defined in {high_risk_in}",
                        f"高リスク判定シートは {high_risk_in} で定義済みです",
                    )
                high_risk_in = high_risk_in or doc.path
                seen_vp: set[str] = set()
                for v, vp in enumerate(cl.high_risk.viewpoints):
                    base: Loc = ("high_risk", "viewpoints", v)
                    if vp.id in seen_vp:
                        self.at(
                            doc,
                            (*base, "id"),
                            f"duplicate viewpoint id {vp.id!r}",
                            f"観点 ID {vp.id!r} が重複しています",
                        )
                    seen_vp.add(vp.id)
                    if not any(level.high for level in vp.levels):
                        self.at(
                            doc,
                            (*base, "levels"),
                            "a viewpoint needs at least one level with `high: true`",
                            "観点には `high: true` のレベルが 1 つ以上必要です",
                        )
                    for k, level in enumerate(vp.levels):
                        self.condition(doc, level.when, (*base, "levels", k, "when"))
            for i, rule in enumerate(cl.rules):
                base = ("rules", i)
                if rule.id in seen_rules:
                    self.at(
                        doc,
                        (*base, "id"),
                        f"duplicate rule id {rule.id!r} (first in {seen_rules[rule.id]})",
                        f"項目 ID {rule.id!r} が重複しています（最初の定義: {seen_rules[rule.id]}）",
                    )
                seen_rules.setdefault(rule.id, doc.path)
                if rule.category not in self.categories:
                    known = ", ".join(sorted(self.categories))
                    self.at(
                        doc,
                        (*base, "category"),
                        f"unknown category {rule.category!r} (known: {known or 'none defined'})",
                        f"不明なカテゴリ {rule.category!r} です（定義済み: {known or 'なし'}）",
                    )
                if rule.evidence_section is not None and rule.evidence_section not in self.sections:
                    self.at(
                        doc,
                        (*base, "evidence_section"),
                        f"{rule.evidence_section!r} is not a declaration section",
                        f"{rule.evidence_section!r} は申告書のセクションではありません",
                    )
                self.condition(doc, rule.check, (*base, "check"))
                if rule.applies_if is not None:
                    self.condition(doc, rule.applies_if, (*base, "applies_if"))
        return self.problems

    def field(self, doc: Document, path: str, loc: Loc) -> FieldInfo | None:
        info = field_info(path)
        if isinstance(info, str):
            self.at(
                doc,
                (*loc, "field"),
                f"field {path!r}: {info}",
                f"フィールド {path!r}: {_field_problem_ja(path)}",
            )
            return None
        return info

    def valueset(self, doc: Document, op: str, args: Any, loc: Loc) -> None:
        info = self.field(doc, args.field, loc)
        if args.named is not None:
            if args.named not in self.lists:
                known = ", ".join(sorted(self.lists))
                self.at(
                    doc,
                    (*loc, "list"),
                    f"unknown list {args.named!r} (known: {known or 'none defined'})",
                    f"不明なリスト {args.named!r} です（定義済み: {known or 'なし'}）",
                )
                return
            values = self.lists[args.named]
        else:
            values = args.values or []
        self.check_values(doc, info, values, (*loc, "values" if args.named is None else "list"))

    def check_values(
        self, doc: Document, info: FieldInfo | None, values: list[Scalar], loc: Loc
    ) -> None:
        if info is None or info.choices is None:
            return
        bad = [v for v in values if str(v) not in info.choices]
        if bad and loc[-1] != "list":
            self.at(
                doc,
                loc,
                f"{bad[0]!r} is not a value of {info.path} (one of: {', '.join(info.choices)})",
                f"{bad[0]!r} は {info.path} の値ではありません"
                f"（{', '.join(info.choices)} のいずれか）",
            )

    def condition(self, doc: Document, cond: Condition, loc: Loc) -> None:
        if isinstance(cond, Equals):
            info = self.field(doc, cond.equals.field, (*loc, "equals"))
            self.check_values(doc, info, [cond.equals.value], (*loc, "equals", "value"))
        elif isinstance(cond, OneOf):
            self.valueset(doc, "one_of", cond.one_of, (*loc, "one_of"))
        elif isinstance(cond, AllIn):
            self.valueset(doc, "all_in", cond.all_in, (*loc, "all_in"))
        elif isinstance(cond, NoneIn):
            self.valueset(doc, "none_in", cond.none_in, (*loc, "none_in"))
        elif isinstance(cond, ContainsAll):
            self.valueset(doc, "contains_all", cond.contains_all, (*loc, "contains_all"))
        elif isinstance(cond, AtLeast | AtMost):
            name = "at_least" if isinstance(cond, AtLeast) else "at_most"
            bound = cond.at_least if isinstance(cond, AtLeast) else cond.at_most
            info = self.field(doc, bound.field, (*loc, name))
            if info is not None and info.kind != "number":
                self.at(
                    doc,
                    (*loc, name, "field"),
                    f"{name} needs a numeric field; {info.path} is {info.kind}",
                    f"{name} には数値のフィールドが必要です（{info.path} は {info.kind}）",
                )
            if bound.param is not None and bound.param not in self.params:
                known = ", ".join(sorted(self.params))
                self.at(
                    doc,
                    (*loc, name, "param"),
                    f"unknown parameter {bound.param!r} (known: {known or 'none defined'})",
                    f"不明なパラメータ {bound.param!r} です（定義済み: {known or 'なし'}）",
                )
        elif isinstance(cond, Present):
            self.field(doc, cond.present.field, (*loc, "present"))
        elif isinstance(cond, NonEmpty):
            info = self.field(doc, cond.non_empty.field, (*loc, "non_empty"))
            if info is not None and not info.many:
                self.at(
                    doc,
                    (*loc, "non_empty", "field"),
                    f"non_empty needs a list field; {info.path} is not a list",
                    f"non_empty にはリストのフィールドが必要です（{info.path} はリストではありません）",
                )
        elif isinstance(cond, Matches):
            self.field(doc, cond.matches.field, (*loc, "matches"))
            try:
                re.compile(cond.matches.pattern)
            except re.error as exc:
                self.at(
                    doc,
                    (*loc, "matches", "pattern"),
                    f"invalid regular expression: {exc}",
                    f"正規表現が正しくありません: {exc}",
                )
        elif isinstance(cond, Predicate):
            spec = PREDICATES.get(cond.predicate.name)
            if spec is None:
                known = ", ".join(sorted(PREDICATES))
                self.at(
                    doc,
                    (*loc, "predicate", "name"),
                    f"unknown predicate {cond.predicate.name!r} (known: {known})",
                    f"不明な述語 {cond.predicate.name!r} です（定義済み: {known}）",
                )
                return
            for arg, value in cond.predicate.args.items():
                if arg not in spec.args:
                    self.at(
                        doc,
                        (*loc, "predicate", "args", arg),
                        f"predicate {cond.predicate.name!r} takes no argument {arg!r}",
                        f"述語 {cond.predicate.name!r} に引数 {arg!r} はありません",
                    )
                elif not isinstance(value, spec.args[arg]):
                    self.at(
                        doc,
                        (*loc, "predicate", "args", arg),
                        f"argument {arg!r} must be {spec.args[arg].__name__}",
                        f"引数 {arg!r} は {spec.args[arg].__name__} 型にしてください",
                    )
        elif isinstance(cond, All):
            for k, c in enumerate(cond.all):
                self.condition(doc, c, (*loc, "all", k))
        elif isinstance(cond, Any_):
            for k, c in enumerate(cond.any):
                self.condition(doc, c, (*loc, "any", k))
        elif isinstance(cond, Not):
            self.condition(doc, cond.not_, (*loc, "not"))


def _field_problem_ja(path: str) -> str:
    """What is wrong with a field path, in Japanese: the walk of ``field_info``, which says it in
    English only."""
    current: Any = Declaration
    steps = path.split(".")
    for i, step in enumerate(steps):
        name, mapped = (step[:-2], True) if step.endswith("[]") else (step, False)
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return f"{'.'.join(steps[:i])!r} にはフィールドがありません"
        fields = current.model_fields
        if name not in fields:
            close = difflib.get_close_matches(name, list(fields), n=1)
            where = ".".join(steps[:i]) or "申告書"
            hint = f"。{close[0]!r} の誤りではありませんか？" if close else ""
            return f"不明なフィールド {name!r} です（{where}）{hint}"
        inner, is_list = unwrap_annotation(fields[name].annotation)
        here = ".".join([*steps[:i], name])
        if mapped and not is_list:
            return f"{here!r} はリストではありません。'[]' を外してください"
        if is_list and not mapped and i < len(steps) - 1:
            return f"{here!r} はリストです。中を見るには '{name}[]' と書いてください"
        current = inner
    return "フィールドのパスが正しくありません"  # pragma: no cover - field_info found no fault


def crosscheck(packs: list[tuple[Checklist, Document]]) -> list[Problem]:
    """Every cross-reference problem across a set of checklist files, positioned."""
    return _Checker(packs).run()
