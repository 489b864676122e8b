"""Named predicates over the chain of holders (docs/verdicts.md 7), registered in
``engine.predicates.PREDICATES``.

A holder predicate says where its answer comes from: ``AT`` in the observed dict is the path of
the fact that failed (or is missing), ``UNVERIFIED`` marks a pass whose claim lacks evidence.
``engine.findings`` takes both out of the observed dict before it builds the finding.
"""

from __future__ import annotations

from typing import Any

from aiprocure.engine.context import Context, derived
from aiprocure.engine.holders import (
    KNOWN_ROLES,
    Chain,
    Entity,
    build_chain,
    ciphertext_only,
    storage_only,
)
from aiprocure.engine.regimes import dict_of
from aiprocure.model.ruleset import GRADE_ORDER

Result = bool | None
# Roles the Government Cloud provider may be declared with, and roles that may hold ciphertext only.
BASELINE_ROLES = frozenset({"platform", "hosting", "?"})
STORE_ROLES = frozenset({"storage", "backup", "?"})
AT = "@at"
UNVERIFIED = "@unverified"


def _chain(ctx: Context) -> Chain:
    """The declaration's chain, built once per assessment (every predicate here only reads it)."""
    return derived(ctx, "chain", build_chain)


def _note(ctx: Context, key: str, values: list[str]) -> None:
    if values:
        ctx.observed[key] = list(values)


def _holder_graded(ctx: Context, grade: str) -> Result:
    chain = _chain(ctx)
    failing = [
        e
        for e in chain.entities
        if e.holds is True
        and e.grade == grade
        and (grade == "A" or (not e.baseline and not ciphertext_only(e, ctx.data)))
    ]
    _note(ctx, "chain.holders", [e.label() for e in failing])
    unknown_laws = [n for e in chain.entities for n in e.unknown_laws]
    _note(ctx, "foreign_law.unrecognised", unknown_laws)
    if failing:
        ctx.observed[AT] = failing[0].grade_at
        return False
    if chain.unknown_at is not None:
        ctx.observed[AT] = chain.unknown_at
        return None
    for e in chain.entities:
        if e.grade is None and e.holds is not False:
            ctx.observed[AT] = e.grade_at
            return None
        if grade == "B" and e.grade == "A" and e.partial_at and e.holds is not False:
            ctx.observed[AT] = e.partial_at  # graded A, but whether B law reaches it too is open
            return None
        partial = e.partial_at and e.grade is not None and e.holds is not False
        if partial and GRADE_ORDER[e.grade or "C"] < GRADE_ORDER[grade]:  # may be worse
            ctx.observed[AT] = e.partial_at
            return None
        if e.holds is None and e.grade is not None and GRADE_ORDER[e.grade] >= GRADE_ORDER[grade]:
            ctx.observed[AT] = e.holds_at
            return None
    return True


def no_grade_a_holder(ctx: Context, args: dict[str, Any]) -> Result:
    """No entity that holds the data is under a grade A regime (FA-011)."""
    return _holder_graded(ctx, "A")


def no_grade_b_holder(ctx: Context, args: dict[str, Any]) -> Result:
    """No entity that holds the data is under a grade B regime, outside the Government Cloud
    baseline and ciphertext-only storage (FA-012)."""
    return _holder_graded(ctx, "B")


def access_claims_hold(ctx: Context, args: dict[str, Any]) -> Result:
    """No "no access" claim contradicts the entity's role; a claim by an entity under a grade A or
    B regime carries evidence (FA-013)."""
    chain = _chain(ctx)
    for e in chain.entities:
        if e.contradiction:
            _note(ctx, "chain.holders", [e.label()])
            ctx.observed[AT] = e.claim_at
            return False
    for e in chain.entities:
        if e.claim_unanswered:
            _note(ctx, "chain.holders", [e.label()])
            ctx.observed[AT] = e.claim_at
            return None
    if chain.unknown_at is not None:
        ctx.observed[AT] = chain.unknown_at
        return None
    for e in chain.entities:
        if e.claims_no_access and (e.grade is None or e.grade in ("A", "B")) and not e.has_evidence:
            _note(ctx, "chain.holders", [e.label()])
            ctx.observed[UNVERIFIED] = e.claim_at
            return True
    return True


def _coverage(ctx: Context) -> tuple[Result, Result]:
    """(Government Cloud baseline, external keys): True in force, False not, None unknown."""
    dep = dict_of(ctx.data.get("deployment"))
    security = dict_of(ctx.data.get("security"))
    baseline: Result
    wanted = {
        "account_holder": "ministry",
        "terms": "digital_agency_government_cloud",
        "services_within_terms": True,
    }
    env = dep.get("environment")
    if ctx.ruleset.parameter_values.get("government_cloud_baseline", 1.0) == 0:
        baseline = False
    elif env is None:
        baseline = None
    elif env != "government_cloud" or any(
        dep.get(k) is not None and dep.get(k) != v for k, v in wanted.items()
    ):
        baseline = False
    else:
        baseline = True if all(dep.get(k) == v for k, v in wanted.items()) else None
    custody = security.get("key_custody")
    keys: Result = None if custody is None else custody == "external_hsm"
    return baseline, keys


def residual_exposure_possible(ctx: Context, args: dict[str, Any]) -> Result:
    """The system may be under the Government Cloud baseline or keep its keys in an external
    HSM (unknown while the deployment and the key custody are unanswered)."""
    ctx.get("deployment.environment")  # recorded for the finding
    ctx.get("security.key_custody")
    baseline, keys = _coverage(ctx)
    if baseline or keys:
        return True
    if baseline is False and keys is False:
        return False
    return None


def no_residual_exposure(ctx: Context, args: dict[str, Any]) -> Result:
    """No grade B platform or store-or-backup-only holder whose exposure the Government Cloud
    baseline or external keys could leave as residual (FA-014 records it, at low severity).
    Which holders count does not depend on whether the baseline is fully declared, so that
    leaving a deployment key out never turns a recorded exposure into a pass."""
    baseline, keys = _coverage(ctx)
    chain = _chain(ctx)
    covered: list[Entity] = []
    unknown: str | None = None
    for e in chain.entities:
        if e.holds is False:
            continue
        # A holder the baseline or the keys may cover; covered only when they are in force.
        by_baseline = bool(set(e.roles) & BASELINE_ROLES) and baseline is not False
        store = storage_only(e) or (not e.holdings and bool(set(e.roles) & STORE_ROLES))
        by_keys = store and keys is not False
        if not (by_baseline or by_keys):
            continue
        in_force = (by_baseline and baseline is True) or (by_keys and ciphertext_only(e, ctx.data))
        if e.grade == "B" and in_force:
            covered.append(e)
        elif (e.grade is None or e.grade == "B") and unknown is None:
            if e.grade is None:
                unknown = e.grade_at
            elif by_keys and keys is True:
                unknown = e.holds_at  # keys outside, but what it holds is not said
            else:
                unknown = _coverage_at(ctx, by_baseline)
    _note(ctx, "chain.holders", [e.label() for e in covered])
    if covered:
        ctx.observed[AT] = covered[0].grade_at
        return False
    if unknown is not None or chain.unknown_at is not None:
        ctx.observed[AT] = unknown or chain.unknown_at or ""
        return None
    return True


def _coverage_at(ctx: Context, by_baseline: bool) -> str:
    """The unanswered key that leaves the coverage open."""
    if not by_baseline:
        return "security.key_custody"
    dep = dict_of(ctx.data.get("deployment"))
    for key in ("environment", "account_holder", "terms", "services_within_terms"):
        if dep.get(key) is None:
            return f"deployment.{key}"
    return "deployment"


def chain_complete(ctx: Context, args: dict[str, Any]) -> Result:
    """Every entity of the chain has a role, a country, a parent country (or none) and what it
    holds; roles are from the vocabulary (FA-015)."""
    chain = _chain(ctx)
    if chain.unknown_at is not None:
        ctx.observed[AT] = chain.unknown_at
        return None
    entities = ctx.data.get("sub_processors", {}).get("entities") or []
    for i, raw in enumerate(entities):
        role = raw.get("role") if isinstance(raw, dict) else None
        if role is not None and role not in KNOWN_ROLES:
            ctx.observed[AT] = f"sub_processors.entities[{i}].role"
            return False
    models = (ctx.data.get("system") or {}).get("models") or []
    for i, model in enumerate(models):
        if (
            isinstance(model, dict)
            and model.get("hosting") == "platform"
            and not model.get("platform")
        ):
            ctx.observed[AT] = f"system.models[{i}].hosting"
            return False
    for e in chain.entities:
        if e.incomplete_at is not None:
            ctx.observed[AT] = e.incomplete_at
            return None
    return True


def foreign_holder_exists(ctx: Context, args: dict[str, Any]) -> Result:
    """Some entity that holds the data is under a grade A or B regime."""
    chain = _chain(ctx)
    if any(e.holds is True and e.grade in ("A", "B") for e in chain.entities):
        return True
    if chain.unknown_at is not None or any(
        e.grade is None and e.holds is not False for e in chain.entities
    ):
        return None
    return False
