"""Named, typed predicates for logic the condition language cannot say: the implementations.

Their signatures (arguments, fields read, meaning) live with the model (``model.predicates``), so
the checklist cross-check rejects unknown names and arguments at load time without importing the
engine. ``IMPLEMENTATIONS`` is the explicit registry (one function per signature, grep finds
each); ``PREDICATES`` joins the two. Each returns True, False, or None (= the facts it needs are
unanswered).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from aiprocure.engine.chain_predicates import (
    access_claims_hold,
    chain_complete,
    foreign_holder_exists,
    no_grade_a_holder,
    no_grade_b_holder,
    no_residual_exposure,
    residual_exposure_possible,
)
from aiprocure.engine.context import Context
from aiprocure.engine.model_predicates import (
    models_origin_declared,
    open_weights_of_grade_a_origin,
    origin_evaluated,
)
from aiprocure.engine.predicates_data import DATA_IMPLEMENTATIONS
from aiprocure.engine.predicates_facts import FACTS_IMPLEMENTATIONS
from aiprocure.model.predicates import DATA_LOCATION_FIELDS, SIGNATURES, PredicateSignature
from aiprocure.model.ruleset import COMPELLED_ACCESS_LIST

Result = bool | None
Implementation = Callable[[Context, dict[str, Any]], Result]


@dataclass(frozen=True)
class PredicateSpec:
    """A signature (``model.predicates``) and its one implementation."""

    signature: PredicateSignature
    fn: Implementation

    @property
    def args(self) -> dict[str, type]:
        return self.signature.args

    @property
    def fields(self) -> tuple[str, ...]:
        return self.signature.fields


def _exposed(ctx: Context, values: list[Any], home: str) -> bool:
    listed = ctx.ruleset.lists.get(COMPELLED_ACCESS_LIST, frozenset())
    return any(v in listed and v != home for v in values)


def _tri_any(ctx: Context, fields: tuple[str, ...], home: str, *, all_required: bool) -> Result:
    """False if any answered field names an exposed country; None if that is unknown."""
    unknown = exposed = False
    for path in fields:  # look at every field, so the finding shows all of them
        value = ctx.get(path)
        if value is None:
            unknown = unknown or all_required
            continue
        values = value if isinstance(value, list) else [value]
        exposed = exposed or _exposed(ctx, values, home)
    if exposed:
        return False
    return None if unknown else True


def no_foreign_access_data(ctx: Context, args: dict[str, Any]) -> Result:
    """No place where data is stored, processed, backed up or logged, and no sub-processor that
    touches customer data, is under a jurisdiction whose law compels disclosure to its government."""
    home = str(args.get("home_country", "JP"))
    result = _tri_any(ctx, DATA_LOCATION_FIELDS, home, all_required=True)
    if result is False:
        return False
    entities = ctx.get("sub_processors.entities")
    if isinstance(entities, list):
        for entity in entities:
            if not isinstance(entity, dict) or entity.get("accesses_customer_data") is False:
                continue
            countries = [entity.get("country"), entity.get("parent_country")]
            if _exposed(ctx, [c for c in countries if c], home):
                return False
    return result


def no_foreign_access_control(ctx: Context, args: dict[str, Any]) -> Result:
    """Neither the vendor nor its parent company is under such a jurisdiction (a domestic
    subsidiary of a foreign parent is reached by the parent's law)."""
    home = str(args.get("home_country", "JP"))
    country = ctx.get("vendor.country")
    has_parent = ctx.get("vendor.has_parent_company")
    parent_country = ctx.get("vendor.parent_company.country")
    if country is not None and _exposed(ctx, [country], home):
        return False
    if parent_country is not None and _exposed(ctx, [parent_country], home):
        return False
    if country is None:
        return None
    if has_parent is False:
        return True
    if parent_country is None:
        return None  # a parent exists (or may exist) and its country is not said
    return True


def evaluated_in_language(ctx: Context, args: dict[str, Any]) -> Result:
    """At least one declared evaluation covers the language (``ja`` by default; ``multi`` counts)."""
    lang = str(args.get("language", "ja"))
    languages = ctx.get("quality.evaluations[].language")
    if languages is None:
        return None
    return any(v in (lang, "multi") for v in languages)


def no_foreign_access_models(ctx: Context, args: dict[str, Any]) -> Result:
    """No model reached through its provider's own API (``hosting: model_provider_api``) belongs to a
    provider under a jurisdiction whose law compels disclosure: prompts and outputs pass through it."""
    home = str(args.get("home_country", "JP"))
    models = ctx.get("system.models")
    if not isinstance(models, list):
        return None
    unknown = False
    for model in models:
        if not isinstance(model, dict):
            continue
        hosting = model.get("hosting")
        if hosting is None:
            unknown = True
            continue
        if hosting != "model_provider_api":
            continue
        country = model.get("provider_country")
        if country is None:
            unknown = True
        elif _exposed(ctx, [country], home):
            return False
    return None if unknown else True


def _normalise(text: str) -> str:
    return "".join(text.lower().split())


@lru_cache(maxsize=4096)  # certification texts recur across declarations
def _certification_key(text: str) -> str:
    """The identifier ``text`` names (``model.certifications``), else the text normalised."""
    from aiprocure.model.certifications import certification_id

    return certification_id(text) or _normalise(text)


def certified(ctx: Context, args: dict[str, Any]) -> Result:
    """One of the declared certifications *is* the standard, compared as identifiers
    (``model.certifications``): "ISO/IEC 42001:2023" is ISO/IEC 42001, while "NOT ISO/IEC 42001
    certified (planned 2030)" is not. A standard with no known identifier is compared as its text
    (case and spaces ignored), whole, never as a substring."""
    standard = _certification_key(str(args.get("standard", "")))
    certifications = ctx.get("security.certifications")
    if certifications is None:
        return None
    return bool(standard) and any(_certification_key(str(c)) == standard for c in certifications)


IMPLEMENTATIONS: dict[str, Implementation] = {
    "no_foreign_access_data": no_foreign_access_data,
    "no_foreign_access_control": no_foreign_access_control,
    "evaluated_in_language": evaluated_in_language,
    "no_foreign_access_models": no_foreign_access_models,
    "certified": certified,
    "no_grade_a_holder": no_grade_a_holder,
    "no_grade_b_holder": no_grade_b_holder,
    "access_claims_hold": access_claims_hold,
    "no_residual_exposure": no_residual_exposure,
    "residual_exposure_possible": residual_exposure_possible,
    "chain_complete": chain_complete,
    "foreign_holder_exists": foreign_holder_exists,
    "models_origin_declared": models_origin_declared,
    "open_weights_of_grade_a_origin": open_weights_of_grade_a_origin,
    "origin_evaluated": origin_evaluated,
    **DATA_IMPLEMENTATIONS,
    **FACTS_IMPLEMENTATIONS,
}

PREDICATES: dict[str, PredicateSpec] = {
    name: PredicateSpec(sig, IMPLEMENTATIONS[name]) for name, sig in SIGNATURES.items()
}
