"""A rule set compiled once: every plan the engine runs per declaration, behind one object.

``compile_ruleset(ruleset)`` does everything about a rule set that does not depend on a
declaration: it compiles each rule's conditions and the high-risk sheet's levels into closures
(``engine.compiler``), fixes each rule's finding template and messages, orders the rules as a
report lists them, groups them by category for scoring, and makes the report's checklist entries
and input digests. Equal ``applies_if`` and ``severity_by`` conditions of different rules compile
to one closure (``compiler.compile_shared``), which ``run_rules`` evaluates once per declaration.
``engine.assess`` then only runs it.

A ``CompiledRuleset`` is immutable, with two private memos that only save work and never change a
result: each rule's "not answered" messages per set of missing fields (``RulePlan``) and each
category's score per combination of its rules' statuses (``CategoryPlan``). It captures the rule
set as it is when compiled: a changed rule set is a new ``Ruleset`` and is compiled anew. Pickled
(to worker processes), it sends its rule set and is compiled again on arrival: closures do not
pickle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiprocure.engine.compiler import Shared
from aiprocure.engine.findings import RulePlan, rule_plan
from aiprocure.engine.high_risk import ViewpointPlan, viewpoint_plans
from aiprocure.engine.scores import CategoryPlan, category_plans
from aiprocure.model.findings import ChecklistInfo, InputDigest
from aiprocure.model.ruleset import Ruleset


@dataclass(frozen=True, slots=True, eq=False)
class CompiledRuleset:
    """A rule set with every plan the engine needs; see the module docstring."""

    ruleset: Ruleset
    rules: tuple[RulePlan, ...]  # as the rule set lists its rules
    report_order: tuple[RulePlan, ...]  # by severity (highest first), then rule ID: a report's
    categories: tuple[CategoryPlan, ...] | None  # None: a rule's category is not in the set
    viewpoints: tuple[ViewpointPlan, ...]  # of the high-risk sheet, if any
    rule_ids: frozenset[str]
    checklist_infos: tuple[ChecklistInfo, ...]  # as a report lists the checklists
    checklist_digests: tuple[InputDigest, ...]  # the checklists as a report's inputs

    def __reduce__(self) -> tuple[Any, tuple[Ruleset]]:
        return compile_ruleset, (self.ruleset,)


def compile_ruleset(ruleset: Ruleset) -> CompiledRuleset:
    """Compile ``ruleset`` for ``engine.assess``. Do it once per rule set and keep the result."""
    shared: Shared = {}  # equal applies_if and severity_by conditions: one closure each
    rules = tuple(rule_plan(rule, ruleset, shared) for rule in ruleset.rules)
    ordered = tuple(sorted(rules, key=lambda p: (-p.severity.rank, p.rule_id)))  # stable
    sheet = ruleset.high_risk
    return CompiledRuleset(
        ruleset=ruleset,
        rules=rules,
        report_order=ordered,
        categories=category_plans(ordered, ruleset),
        viewpoints=() if sheet is None else viewpoint_plans(sheet, ruleset),
        rule_ids=frozenset(p.rule_id for p in rules),
        checklist_infos=tuple(
            ChecklistInfo(
                id=c.checklist.id,
                version=c.checklist.version,
                guideline=c.checklist.guideline,
                title=c.checklist.title,
            )
            for c, _ in ruleset.checklists
        ),
        checklist_digests=tuple(
            InputDigest(kind="checklist", path=src.path, sha256=src.sha256)
            for _, src in ruleset.checklists
        ),
    )
