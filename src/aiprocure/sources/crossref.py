"""Checks on checklists that pydantic cannot do alone: every name a checklist uses must exist.

Unknown categories, lists, parameters, predicates (and their arguments), declaration fields,
evidence sections, values outside a field's enumeration, bad regular expressions, duplicate IDs,
and a second high-risk sheet are all reported, each at its position in its file.
"""

from __future__ import annotations

from aiprocure.errors import Problem
from aiprocure.model.checklist import Checklist
from aiprocure.model.conditions import (
    Condition,
    Loc,
    Scalar,
    ValueSet,
    fold,
)
from aiprocure.model.fields import FieldInfo, PathProblem, field_info, sections
from aiprocure.model.ruleset import COMPELLED_ACCESS_LIST
from aiprocure.sources.crossref_conditions import _ConditionCheck
from aiprocure.sources.crossref_messages import message_problems
from aiprocure.sources.valuetypes import KINDS, wrong_type
from aiprocure.sources.yamlsrc import Document


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
                for en, ja in message_problems(rule):  # its {limit}, {missing}... can be filled
                    self.at(doc, (*base, "message"), en, ja)
                if rule.applies_if is not None:
                    self.condition(doc, rule.applies_if, (*base, "applies_if"))
                for k, row in enumerate(rule.severity_by):
                    self.condition(doc, row.when, (*base, "severity_by", k, "when"))
        return self.problems

    def field(self, doc: Document, path: str, loc: Loc) -> FieldInfo | None:
        info = field_info(path)
        if isinstance(info, PathProblem):
            self.at(
                doc,
                (*loc, "field"),
                f"field {path!r}: {info.en}",
                f"フィールド {path!r}: {info.ja}",
            )
            return None
        return info

    def valueset(self, doc: Document, args: ValueSet, loc: Loc) -> None:
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
        if info is None:
            return
        wrong = wrong_type(info, values)
        if wrong is not None:
            self.at(
                doc,
                loc,
                f"{wrong!r} can never equal {info.path}, which is {KINDS[info.kind][0]}",
                f"{wrong!r} は {info.path}（{KINDS[info.kind][1]}）と一致することがありません",
            )
            return
        if info.choices is None:
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
        fold(cond, _ConditionCheck(self, doc), loc)


def crosscheck(packs: list[tuple[Checklist, Document]]) -> list[Problem]:
    """Every cross-reference problem across a set of checklist files, positioned."""
    return _Checker(packs).run()
