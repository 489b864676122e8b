"""The high-risk determination sheet over one declaration: each viewpoint's level, and whether
the sheet's aggregation sends the case to review. No I/O."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiprocure.engine.compiler import Check, compile_condition
from aiprocure.engine.findings import fields_of, location_of
from aiprocure.model.checklist import HighRiskSheet, Level, Viewpoint
from aiprocure.model.findings import (
    HighRiskResult,
    Location,
    Observed,
    ViewpointResult,
    maker,
)
from aiprocure.model.ruleset import Ruleset
from aiprocure.sources.yamlsrc import Document

# Built without re-validating: every field given, of its type (see findings.maker).
_new_viewpoint_result = maker(ViewpointResult)
_new_high_risk_result = maker(HighRiskResult)


@dataclass(frozen=True, slots=True)
class ViewpointPlan:
    viewpoint: Viewpoint
    # Each level with its compiled condition and the fields of every level up to it.
    levels: tuple[tuple[Level, Check, tuple[str, ...]], ...]


def viewpoint_plans(sheet: HighRiskSheet, ruleset: Ruleset) -> tuple[ViewpointPlan, ...]:
    """The sheet's viewpoints with their levels' conditions compiled for ``ruleset``."""
    plans = []
    for vp in sheet.viewpoints:
        fields: list[str] = []
        levels = []
        for level in vp.levels:
            fields.extend(fields_of(level.when))
            levels.append((level, compile_condition(level.when, ruleset), tuple(fields)))
        plans.append(ViewpointPlan(vp, tuple(levels)))
    return tuple(plans)


def high_risk(
    sheet: HighRiskSheet | None,
    plans: tuple[ViewpointPlan, ...],
    data: dict[str, Any],
    doc: Document | None,
    file: str,
    locations: dict[str, Location],
) -> HighRiskResult | None:
    """The sheet's result for the declaration's ``data`` (None without a sheet), sharing
    ``locations`` (field path -> Location) with the rules' findings."""
    if sheet is None:
        return None
    results = []
    for plan in plans:
        observed: dict[str, Observed] = {}  # nothing writes to data
        chosen = None
        unknown = False
        fields: tuple[str, ...] = ()
        for level, when, upto in plan.levels:
            fields = upto
            r = when(data, observed)
            if r is None:
                unknown = True
                break
            if r:
                chosen = level
                break
        first_missing = next(
            (f for f in fields if observed.get(f) is None), fields[0] if fields else ""
        )
        # A chosen level points at the first field of its own condition: the fact that raised it
        # (not the first field of the viewpoint, which may be another use of the data).
        own = fields_of(chosen.when) if chosen is not None else []
        loc_field = (
            (own[0] if own else fields[0]) if chosen is not None and fields else first_missing
        )
        location = locations.get(loc_field)
        if location is None:
            location = locations[loc_field] = location_of(doc, loc_field, file)
        vp = plan.viewpoint
        results.append(
            _new_viewpoint_result(
                {
                    "id": vp.id,
                    "title": vp.title,
                    "level": chosen.id if chosen else None,
                    "label": chosen.label if chosen else None,
                    "high": None if (unknown or chosen is None) else chosen.high,
                    "location": location,
                    "observed": dict(sorted(observed.items())) if len(observed) > 1 else observed,
                },
            )
        )
    agg = sheet.aggregation
    need = 1 if agg.mode == "any" else agg.count
    high = sum(1 for v in results if v.high is True)
    open_ = sum(1 for v in results if v.high is None)
    return _new_high_risk_result(
        {
            "title": sheet.title,
            "mode": agg.mode,
            "count": need,
            "provenance": agg.provenance,
            "viewpoints": results,
            "triggered": high >= need,
            "undetermined": high < need <= high + open_,
        },
    )
