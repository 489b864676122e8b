"""Named, typed predicates for logic the condition language cannot say.

An explicit registry (``PREDICATES``), so grep finds every predicate and the checklist cross-check
can reject unknown names and arguments at load time. Each returns True, False, or None
(= the facts it needs are unanswered).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiprocure.engine.context import Context
from aiprocure.model.ruleset import COMPELLED_ACCESS_LIST

Result = bool | None

DATA_LOCATION_FIELDS = (
    "data_locations.storage",
    "data_locations.processing",
    "data_locations.backup",
    "data_locations.logs",
)


@dataclass(frozen=True)
class PredicateSpec:
    fn: Callable[[Context, dict[str, Any]], Result]
    args: dict[str, type]  # allowed argument names and their types
    fields: tuple[str, ...]  # declaration fields it reads (for locations and messages)


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


def certified(ctx: Context, args: dict[str, Any]) -> Result:
    """One of the declared certifications *is* the standard, compared as identifiers
    (``model.certifications``): "ISO/IEC 42001:2023" is ISO/IEC 42001, while "NOT ISO/IEC 42001
    certified (planned 2030)" is not. A standard with no known identifier is compared as its text
    (case and spaces ignored), whole, never as a substring."""
    from aiprocure.model.certifications import certification_id

    wanted = str(args.get("standard", ""))
    standard = certification_id(wanted) or _normalise(wanted)
    certifications = ctx.get("security.certifications")
    if certifications is None:
        return None
    return bool(standard) and any(
        (certification_id(str(c)) or _normalise(str(c))) == standard for c in certifications
    )


# --- data vocabulary, exports, quality, sub-processors (issue 11) -----------------------------

# The format families a content type may leave in (LOCK-008), as named lists of the checklist.
_EXPORT_FAMILIES: dict[str, tuple[str, ...]] = {
    "prompts": ("open_data_formats", "open_document_formats"),
    "outputs": ("open_data_formats", "open_document_formats"),
    "logs": ("open_data_formats",),
    "user_data": ("open_data_formats",),
    "configuration": ("open_data_formats",),
    "knowledge_base": ("open_document_formats", "open_data_formats"),
    "embeddings": ("open_embedding_formats",),
    "fine_tuned_models": ("open_model_formats",),
}


def _format_key(name: object) -> str:
    return " ".join(str(name).lower().split())


def open_export_formats(ctx: Context, args: dict[str, Any]) -> Result:
    """Each content type the vendor lets the government take leaves in at least one open format of
    its family (data, documents, model weights, embeddings); a closed format beside an open one
    does not matter, and a name the lists do not know does not count."""
    exports = ctx.get("exit.exports")
    if exports is None:
        return None
    if not isinstance(exports, list) or not exports:
        return False
    for entry in exports:
        if not isinstance(entry, dict):
            return False
        families = _EXPORT_FAMILIES.get(str(entry.get("content")), ("open_data_formats",))
        allowed = {
            _format_key(v) for fam in families for v in ctx.ruleset.lists.get(fam, frozenset())
        }
        if not any(_format_key(f) in allowed for f in entry.get("formats") or []):
            return False
    return True


_EVALUATION_FACTS = ("kind", "language", "performed_on", "result")


def structured_evaluation(ctx: Context, args: dict[str, Any]) -> Result:
    """At least one evaluation names its kind, language, date and result (not only a name)."""
    evaluations = ctx.get("quality.evaluations")
    if evaluations is None:
        return None
    items = [e for e in evaluations if isinstance(e, dict)]
    if any(all(e.get(k) is not None for k in _EVALUATION_FACTS) for e in items):
        return True
    return False if items or evaluations == [] else None


def effective_hallucination_control(ctx: Context, args: dict[str, Any]) -> Result:
    """A control that acts on the output is listed (``hallucination_controls_effective``); one
    that only warns the reader (``hallucination_controls_not_counted``: a disclaimer, a banner)
    does not count. Text neither list knows is a claim: it passes only as far as evidence backs it
    (the rule requires evidence)."""
    controls = ctx.get("quality.hallucination_controls")
    if controls is None:
        return None
    lists = ctx.ruleset.lists
    effective = {_format_key(v) for v in lists.get("hallucination_controls_effective", ())}
    not_counted = {_format_key(v) for v in lists.get("hallucination_controls_not_counted", ())}
    keys = [_format_key(c) for c in controls]
    if any(k in effective for k in keys):
        return True
    return any(k not in not_counted for k in keys)  # free text: a claim for the evidence to back


def recent_evaluation(ctx: Context, args: dict[str, Any]) -> Result:
    """The newest evaluation of a declared model version was performed at most
    ``max_evaluation_age_days`` before ``declared_on``. An evaluation of another version does not
    count; one that does not say its version cannot settle it."""
    from datetime import date

    evaluations = ctx.get("quality.evaluations")
    declared_on = ctx.get("declared_on")
    models = ctx.get("system.models")
    if evaluations is None:
        return None
    limit = ctx.ruleset.parameter_values.get(str(args.get("param", "max_evaluation_age_days")))
    if limit is None or declared_on is None:
        return None
    versions = {str(m["version"]) for m in models or [] if isinstance(m, dict) and m.get("version")}
    declared = date.fromisoformat(str(declared_on))
    unknown = False
    for e in evaluations:
        if not isinstance(e, dict):
            continue
        if e.get("performed_on") is None:
            unknown = True
            continue
        fresh = (declared - date.fromisoformat(str(e["performed_on"]))).days <= limit
        version = e.get("model_version")
        if versions and version is None:
            unknown = unknown or fresh
        elif fresh and (not versions or str(version) in versions):
            return True
    return None if unknown else False


_SUBPROCESSOR_FACTS = ("role", "country", "parent_country")


def subprocessors_disclosed(ctx: Context, args: dict[str, Any]) -> Result:
    """The sub-processor list is given (an explicit empty list says "none"), and each entity
    names its role, country and parent company's country. A list whose entries leave these out
    is an incomplete disclosure: it fails (an absent list is unanswered)."""
    entities = ctx.get("sub_processors.entities")
    if entities is None:
        return None
    return all(
        isinstance(e, dict) and all(e.get(k) is not None for k in _SUBPROCESSOR_FACTS)
        for e in entities
    )


def upstream_models_ismap(ctx: Context, args: dict[str, Any]) -> Result:
    """Every model reached through an external API or platform (``hosting`` model_provider_api or
    third_party_cloud) is on ISMAP or ISMAP-LIU (KB0011070, 2026-01-09)."""
    models = ctx.get("system.models")
    if models is None:
        return None
    unknown = False
    for model in models:
        if not isinstance(model, dict):
            continue
        hosting = model.get("hosting")
        if hosting is None:
            unknown = True
            continue
        if hosting not in ("model_provider_api", "third_party_cloud"):
            continue
        status = model.get("ismap")
        if status is None:
            unknown = True
        elif status not in ("ismap", "ismap_liu"):
            return False
    return None if unknown else True


PREDICATES: dict[str, PredicateSpec] = {
    "no_foreign_access_data": PredicateSpec(
        no_foreign_access_data, {"home_country": str}, ("data_locations", "sub_processors.entities")
    ),
    "no_foreign_access_control": PredicateSpec(
        no_foreign_access_control,
        {"home_country": str},
        ("vendor.country", "vendor.parent_company.country"),
    ),
    "evaluated_in_language": PredicateSpec(
        evaluated_in_language, {"language": str}, ("quality.evaluations",)
    ),
    "no_foreign_access_models": PredicateSpec(
        no_foreign_access_models, {"home_country": str}, ("system.models",)
    ),
    "certified": PredicateSpec(certified, {"standard": str}, ("security.certifications",)),
    "open_export_formats": PredicateSpec(open_export_formats, {}, ("exit.exports",)),
    "structured_evaluation": PredicateSpec(structured_evaluation, {}, ("quality.evaluations",)),
    "effective_hallucination_control": PredicateSpec(
        effective_hallucination_control, {}, ("quality.hallucination_controls",)
    ),
    "recent_evaluation": PredicateSpec(
        recent_evaluation,
        {"param": str},
        ("quality.evaluations", "declared_on", "system.models"),
    ),
    "subprocessors_disclosed": PredicateSpec(
        subprocessors_disclosed, {}, ("sub_processors.entities",)
    ),
    "upstream_models_ismap": PredicateSpec(upstream_models_ismap, {}, ("system.models",)),
}
