"""Named predicates over the chain of holders (docs/verdicts.md 7), registered in
``engine.predicates.PREDICATES``.

A holder predicate says where its answer comes from: ``AT`` in the observed dict is the path of
the fact that failed (or is missing), ``UNVERIFIED`` marks a pass whose claim lacks evidence.
``engine.findings`` takes both out of the observed dict before it builds the finding.
"""

from __future__ import annotations

from typing import Any

from aiprocure.engine.context import Context
from aiprocure.engine.holders import KNOWN_ROLES, Chain, build_chain, ciphertext_only
from aiprocure.model.ruleset import GRADE_ORDER

Result = bool | None
AT = "@at"
UNVERIFIED = "@unverified"


def _chain(ctx: Context) -> Chain:
    return build_chain(ctx.data, ctx.ruleset)


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
        foreign = e.grade is None or e.grade in ("A", "B")
        if e.claim_unanswered and foreign:
            _note(ctx, "chain.holders", [e.label()])
            ctx.observed[AT] = e.claim_at + ".maker_holds_data"
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


def no_residual_exposure(ctx: Context, args: dict[str, Any]) -> Result:
    """No grade B holder is left under the Government Cloud baseline or as a ciphertext-only
    store (FA-014: the residual exposure is recorded, at low severity)."""
    covered = [
        e
        for e in _chain(ctx).entities
        if e.holds is True and e.grade == "B" and (e.baseline or ciphertext_only(e, ctx.data))
    ]
    _note(ctx, "chain.holders", [e.label() for e in covered])
    if covered:
        ctx.observed[AT] = covered[0].grade_at
        return False
    return True


def residual_exposure_possible(ctx: Context, args: dict[str, Any]) -> Result:
    """The system is in a Government Cloud account or keeps keys in an external HSM."""
    dep = ctx.get("deployment.environment")
    keys = ctx.get("security.key_custody")
    # Nothing declared: nothing is covered by the baseline or by external keys either.
    return bool(dep == "government_cloud" or keys == "external_hsm")


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


def models_origin_declared(ctx: Context, args: dict[str, Any]) -> Result:
    """Each model says its weights (open or closed), where it runs, and its origin: the maker's
    country, or for open weights the developer's country and the digest of the weights (MOD-001)."""
    models = ctx.get("system.models")
    if not isinstance(models, list):
        ctx.observed[AT] = "system.models"
        return None
    missing: str | None = None
    for i, model in enumerate(models):
        at = f"system.models[{i}]"
        if model.get("weights") == "open" and model.get("weights_digest") is None:
            ctx.observed[AT] = f"{at}.weights"
            return False
        for key in ("weights", "hosting", "provider_country"):
            if model.get(key) is None and missing is None:
                missing = f"{at}.{key}"
        if model.get("weights") == "open" and model.get("origin_country") is None:
            missing = missing or f"{at}.origin_country"
    if missing is not None:
        ctx.observed[AT] = missing
        return None
    return True


def _grade_a_origin(ctx: Context, model: dict[str, Any]) -> bool | None:
    origin = model.get("origin_country") or model.get("provider_country")
    if origin is None:
        return None
    return ctx.ruleset.grade(str(origin)) == "A"


def open_weights_of_grade_a_origin(ctx: Context, args: dict[str, Any]) -> Result:
    """Some model has open weights whose developer is under a grade A regime."""
    models = ctx.get("system.models")
    if not isinstance(models, list):
        return None
    unknown = False
    for model in models:
        weights = model.get("weights")
        origin = _grade_a_origin(ctx, model)
        if weights == "open" and origin:
            return True
        if (weights is None and origin is not False) or (weights == "open" and origin is None):
            unknown = True
    return None if unknown else False


def origin_evaluated(ctx: Context, args: dict[str, Any]) -> Result:
    """Every open-weight model of grade A origin has been evaluated on topics the origin
    country's content controls could shape (MOD-002)."""
    models = ctx.get("system.models")
    if not isinstance(models, list):
        return None
    result: Result = True
    for i, model in enumerate(models):
        if model.get("weights") != "open" or not _grade_a_origin(ctx, model):
            continue
        done = model.get("origin_evaluated")
        if done is False:
            ctx.observed[AT] = f"system.models[{i}].origin_evaluated"
            return False
        if done is None and result is True:
            ctx.observed[AT] = f"system.models[{i}]"
            result = None
    return result
