"""Test-only views of the engine: one condition, one rule, the findings in rule set order, the
high-risk result alone. The engine itself only runs whole compiled rule sets (``engine.assess``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiprocure import api
from aiprocure.engine.assess import finding_sort_key
from aiprocure.engine.compiled import CompiledRuleset
from aiprocure.engine.compiler import compile_condition
from aiprocure.engine.context import Context
from aiprocure.engine.findings import report_order, rule_plan, run_rules
from aiprocure.engine.high_risk import high_risk as _high_risk
from aiprocure.engine.scores import category_scores, risk_of, scores_of
from aiprocure.model.checklist import Condition, Rule
from aiprocure.model.findings import CategoryScore, Finding, HighRiskResult, RiskLevel
from aiprocure.model.ruleset import Ruleset
from aiprocure.sources.yamlsrc import Document

Result = bool | None


def _compiled(ruleset: Ruleset | CompiledRuleset) -> CompiledRuleset:
    return api.compiled_ruleset(ruleset)


def holds(cond: Condition, ctx: Context) -> Result:
    """Evaluate one condition over the declaration in ``ctx`` (recording what it reads there)."""
    return compile_condition(cond, ctx.ruleset)(ctx.data, ctx.observed)


def evaluate(
    data: dict[str, Any], ruleset: Ruleset | CompiledRuleset, doc: Document | None, file: str
) -> list[Finding]:
    """Every rule's finding, in rule set order."""
    return run_rules(_compiled(ruleset).rules, data, doc, file, {}, {})[0]


def evaluate_rule(
    rule: Rule, data: dict[str, Any], ruleset: Ruleset, doc: Document | None, file: str
) -> Finding:
    """One rule's finding."""
    return run_rules((rule_plan(rule, ruleset),), data, doc, file, {}, {})[0][0]


@dataclass(frozen=True)
class Found:
    findings: list[Finding]  # in a report's order
    flagged: list[Finding]  # failures of rules that flag for review, in that order
    categories: list[CategoryScore]  # as the engine scores them (remembered per combination)


def report_findings(
    data: dict[str, Any], ruleset: Ruleset | CompiledRuleset, doc: Document | None, file: str
) -> Found:
    compiled = _compiled(ruleset)
    plans = compiled.report_order
    found, codes = run_rules(plans, data, doc, file, {}, {})
    order = report_order(codes)
    findings = [found[i] for i in order]
    if any(f.severity is not p.severity for f, p in zip(found, plans, strict=True)):
        findings.sort(key=finding_sort_key)  # as assess: a raised severity moves its finding up
    return Found(
        findings=findings,
        flagged=[found[i] for i in order if found[i].review_flag],
        # as assess: the findings' effective severities (severity_by) set the risks
        categories=category_scores(
            compiled.ruleset, compiled.categories, plans, codes, order, found
        ),
    )


def findings_scores(findings: list[Finding], ruleset: Ruleset) -> list[CategoryScore]:
    """The category scores of ``findings``, computed from the findings alone."""
    entries = [(f.category, f.severity_base or f.severity, f.status) for f in findings]
    return scores_of(entries, ruleset, [f.severity for f in findings])


def high_risk(
    data: dict[str, Any], ruleset: Ruleset | CompiledRuleset, doc: Document | None, file: str
) -> HighRiskResult | None:
    compiled = _compiled(ruleset)
    return _high_risk(compiled.ruleset.high_risk, compiled.viewpoints, data, doc, file, {})


def finding_risk(f: Finding) -> RiskLevel:
    return risk_of(f.status, f.severity)
