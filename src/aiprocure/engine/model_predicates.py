"""Named predicates over the models (DS920-MOD-001/002, docs/verdicts.md 7.7), registered in
``engine.predicates.PREDICATES``; positions as in ``engine.chain_predicates``."""

from __future__ import annotations

from typing import Any

from aiprocure.engine.chain_predicates import AT, Result
from aiprocure.engine.context import Context


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
        # Open weights, or weights not said, of a grade A origin (or an origin not said).
        if model.get("weights") == "closed" or _grade_a_origin(ctx, model) is False:
            continue
        done = model.get("origin_evaluated")
        if done is False:
            ctx.observed[AT] = f"system.models[{i}].origin_evaluated"
            return False
        if done is None and result is True:
            ctx.observed[AT] = f"system.models[{i}]"
            result = None
    return result
