"""Named predicates over the facts format 2.0 added (issue 12): open weights' provenance
(DS920-MOD-003) and a sub-processor's locations against the declared data locations
(DS920-FA-017); registered in ``engine.predicates.PREDICATES``, positions as in
``engine.chain_predicates``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiprocure.engine.chain_predicates import AT, Result
from aiprocure.engine.context import Context

# What an open-weight model states about where its weights came from (docs/verdicts.md 7.10).
PROVENANCE_KEYS = ("weights_publisher", "weights_source", "weights_license")
# Every list of countries where the declaration says data is held (system data included).
LOCATION_KEYS = ("storage", "processing", "backup", "logs", "system_data")


def open_weights_verified(ctx: Context, args: dict[str, Any]) -> Result:
    """Every open-weight model (or one whose weights are not said) names who published the
    weights, where they came from and their licence, and its digest was checked against the
    publisher's: a check that failed or was not done fails; a missing fact is unanswered."""
    models = ctx.get("system.models")
    if not isinstance(models, list):
        ctx.observed[AT] = "system.models"
        return None
    result: Result = True
    for i, model in enumerate(models):
        if model.get("weights") == "closed":
            continue
        at = f"system.models[{i}]"
        if model.get("weights_digest_verified") is False:
            ctx.observed[AT] = f"{at}.weights_digest_verified"
            return False
        missing = [k for k in (*PROVENANCE_KEYS, "weights_digest_verified") if model.get(k) is None]
        if missing and result is True:
            ctx.observed[AT] = at
            result = None
    return result


def subprocessor_locations_declared(ctx: Context, args: dict[str, Any]) -> Result:
    """Where each sub-processor *operates* (``locations``) is among the countries the declaration
    says data is held in (``data_locations``, system data included), so the data-location rules
    see every place the data goes. An entity's *nationality* (``country``) is not a data location
    and is not compared. An entity that holds (or may hold) the data without ``locations`` leaves
    the answer unknown; one that holds nothing is skipped."""
    entities = ctx.get("sub_processors.entities")
    if not isinstance(entities, list):
        ctx.observed[AT] = "sub_processors.entities"
        return None
    locations = ctx.get("data_locations")
    declared: set[str] = set()
    complete = isinstance(locations, dict)
    for key in LOCATION_KEYS:
        value = locations.get(key) if isinstance(locations, dict) else None
        if isinstance(value, list):
            declared.update(str(c) for c in value)
        else:
            complete = False
    result: Result = True
    for i, entity in enumerate(entities):
        if entity.get("holds") == [] or entity.get("accesses_customer_data") is False:
            continue  # holds nothing (FA-013 weighs that claim against its role)
        where = entity.get("locations")
        if not isinstance(where, list):
            # Where it operates is not said: it may be anywhere. Reading it as "where
            # data_locations says" would let deleting `locations` pass (section 9).
            if result is True:
                ctx.observed[AT] = f"sub_processors.entities[{i}]"
                result = None
            continue
        for j, country in enumerate(where):
            if str(country) in declared:
                continue
            at = f"sub_processors.entities[{i}].locations[{j}]"
            if complete:
                ctx.observed[AT] = at
                return False
            if result is True:
                ctx.observed[AT] = at
                result = None
    return result


FACTS_IMPLEMENTATIONS: dict[str, Callable[[Context, dict[str, Any]], Result]] = {
    "open_weights_verified": open_weights_verified,
    "subprocessor_locations_declared": subprocessor_locations_declared,
}
