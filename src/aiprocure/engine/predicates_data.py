"""Named predicates of the data vocabulary, exports, quality and sub-processor rules (issue 11):
implementations only (their signatures are in ``model.predicates``). Part of
``engine.predicates.IMPLEMENTATIONS``: kept here to keep that module short."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from aiprocure.engine.context import Context

Result = bool | None


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
    return _text_key(str(name))


@lru_cache(maxsize=4096)  # format and control names recur across declarations
def _text_key(text: str) -> str:
    return " ".join(text.lower().split())


_NO_LIST: frozenset[object] = frozenset()
# The keys of the named lists a predicate compares with, per tuple of list names, kept with the
# lists they were made from: a rule set's lists (frozensets) are made once, so the keys are too.
_KEYS: dict[tuple[str, ...], tuple[tuple[frozenset[Any], ...], frozenset[str]]] = {}


def _list_keys(lists: dict[str, frozenset[Any]], names: tuple[str, ...]) -> frozenset[str]:
    """``_format_key`` of every value of the named ``lists``."""
    sets = tuple([lists.get(name, _NO_LIST) for name in names])
    hit = _KEYS.get(names)
    if hit is not None and all(a is b for a, b in zip(hit[0], sets, strict=True)):
        return hit[1]
    keys = frozenset(_format_key(v) for values in sets for v in values)
    _KEYS[names] = (sets, keys)
    return keys


_OPEN_DATA = ("open_data_formats",)


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
        families = _EXPORT_FAMILIES.get(str(entry.get("content")), _OPEN_DATA)
        allowed = _list_keys(ctx.ruleset.lists, families)
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
    effective = _list_keys(lists, ("hallucination_controls_effective",))
    not_counted = _list_keys(lists, ("hallucination_controls_not_counted",))
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
    listed = [m for m in models or [] if isinstance(m, dict)]
    # Without every model's version, no evaluation can be matched to one: unknown, never a pass.
    known = models is not None and all(m.get("version") for m in listed)
    versions = {str(m["version"]) for m in listed if m.get("version")}
    declared = date.fromisoformat(str(declared_on))
    unknown = False
    for e in evaluations:
        if not isinstance(e, dict):
            continue
        if e.get("performed_on") is None:
            unknown = True
            continue
        if (declared - date.fromisoformat(str(e["performed_on"]))).days > limit:
            continue  # too old, whatever its version
        version = e.get("model_version")
        if known and version is not None:
            if str(version) in versions:
                return True
        else:
            unknown = True
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


DATA_IMPLEMENTATIONS: dict[str, Callable[[Context, dict[str, Any]], Result]] = {
    "open_export_formats": open_export_formats,
    "structured_evaluation": structured_evaluation,
    "effective_hallucination_control": effective_hallucination_control,
    "recent_evaluation": recent_evaluation,
    "subprocessors_disclosed": subprocessors_disclosed,
    "upstream_models_ismap": upstream_models_ismap,
}
