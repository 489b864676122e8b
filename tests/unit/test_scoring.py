"""Scoring: bounds, weights, explainability and monotonicity; high-risk aggregation."""

from __future__ import annotations

from typing import Any

import pytest

from aiprocure import api
from aiprocure.engine.assess import assess
from aiprocure.engine.scores import CREDIT, WEIGHT
from aiprocure.model.checklist import Aggregation, Provenance, Severity
from aiprocure.model.common import Text
from aiprocure.model.declaration import Declaration
from aiprocure.model.findings import Finding, Location, Report, Status
from aiprocure.model.ruleset import Ruleset
from tests.engine_support import finding_risk


@pytest.fixture(scope="module")
def ruleset() -> Ruleset:
    return api.load_checklists()


def _report(ruleset: Ruleset, **facts: Any) -> Report:
    return assess(
        api.compiled_ruleset(ruleset),
        Declaration.model_validate({"schema_version": "1.0", **facts}),
        file="d.yaml",
    )


def _finding(status: Status, severity: Severity) -> Finding:
    t = Text(ja="x", en="x")
    return Finding(
        rule_id="X-1",
        status=status,
        severity=severity,
        category="c",
        sheet="custom",
        title=t,
        message=t,
        remediation=t,
        provenance=Provenance.TOOL,
        references=[],
        location=Location(file="f", line=1, col=1, field="a"),
    )


def test_status_order_is_monotone_in_credit_and_risk() -> None:
    order = [Status.PASS, Status.UNVERIFIED, Status.UNANSWERED, Status.FAIL]
    credits = [CREDIT[s] for s in order]
    assert credits == sorted(credits, reverse=True)
    for sev in Severity:
        risks = [finding_risk(_finding(s, sev)).rank for s in order]
        assert risks == sorted(risks), sev


def test_weights_grow_with_severity() -> None:
    weights = [WEIGHT[s] for s in Severity]
    assert weights == sorted(weights)


def test_scores_trace_to_rules(ruleset: Ruleset) -> None:
    report = _report(
        ruleset,
        data_locations={"storage": ["US"], "processing": ["JP"], "backup": ["JP"], "logs": ["JP"]},
    )
    for cat in report.categories:
        members = [f for f in report.findings if f.category == cat.category]
        applicable = [f for f in members if f.status is not Status.NOT_APPLICABLE]
        # weights follow each rule's own severity (severity_by raises only the risk)
        weight = [WEIGHT[f.severity_base or f.severity] for f in applicable]
        assert cat.max_points == sum(weight)
        assert cat.points == sum(
            w * CREDIT[f.status] for w, f in zip(weight, applicable, strict=True)
        )
        assert 0 <= cat.score <= 100


def test_answering_well_never_raises_risk(ruleset: Ruleset) -> None:
    bad = _report(
        ruleset,
        data_locations={"storage": ["US"], "processing": ["US"], "backup": ["US"], "logs": ["US"]},
    )
    silent = _report(ruleset)
    good = _report(
        ruleset,
        data_locations={
            "storage": ["JP"],
            "processing": ["JP"],
            "backup": ["JP"],
            "logs": ["JP"],
            "evidence": [{"document": "x"}],
        },
    )

    def score(r: Report) -> int:
        return next(c.score for c in r.categories if c.category == "foreign_access")

    assert score(good) >= score(silent) >= score(bad)
    assert good.risk_level.rank <= bad.risk_level.rank


def test_high_risk_any_viewpoint_raises_the_flag(ruleset: Ruleset) -> None:
    report = _report(
        ruleset,
        use_case={
            "users": "public",
            "task_nature": "internal_support",
            "data_for_training": [],
            "staff_review": "all_outputs",
        },
    )
    assert report.high_risk is not None
    assert report.high_risk.triggered
    assert [f.source_id for f in report.review_flags if f.kind == "high_risk_viewpoint"] == [
        "HR-USERS"
    ]
    assert report.review_required


def test_high_risk_aggregation_at_least_two(ruleset: Ruleset) -> None:
    assert ruleset.high_risk is not None
    strict = Ruleset.build(ruleset.checklists)
    assert strict.high_risk is not None
    strict.high_risk = strict.high_risk.model_copy(
        update={"aggregation": Aggregation(mode="at_least", count=2)}
    )
    use = {
        "users": "public",
        "task_nature": "internal_support",
        "data_for_training": [],
        "staff_review": "all_outputs",
    }
    one = _report(strict, use_case=use)
    assert one.high_risk is not None
    assert not one.high_risk.triggered
    assert not any(f.kind == "high_risk_viewpoint" for f in one.review_flags)
    two = _report(strict, use_case={**use, "staff_review": "none"})
    assert two.high_risk is not None
    assert two.high_risk.triggered


def test_unanswered_use_case_leaves_determination_open(ruleset: Ruleset) -> None:
    report = _report(ruleset)
    assert report.high_risk is not None
    assert report.high_risk.undetermined
    assert not report.high_risk.triggered
    assert all(v.high is None for v in report.high_risk.viewpoints)


def test_findings_are_sorted_most_actionable_first(ruleset: Ruleset) -> None:
    report = _report(ruleset, security={"ismap": "none"})
    statuses = [f.status for f in report.findings]
    assert statuses.index(Status.FAIL) < statuses.index(Status.UNANSWERED)
