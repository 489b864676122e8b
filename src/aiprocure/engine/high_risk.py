"""The high-risk determination sheet over one declaration: each viewpoint's level, and whether
the sheet's aggregation sends the case to review. No I/O."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiprocure.engine.compiler import Check, compile_condition
from aiprocure.engine.locations import Decider, decider, deciding_field, location_of
from aiprocure.model.checklist import HighRiskSheet, Level, Viewpoint
from aiprocure.model.conditions import fields_of
from aiprocure.model.fields import value_at
from aiprocure.model.findings import (
    Aggregation,
    Determination,
    DeterminationState,
    HighRiskResult,
    Location,
    Observed,
    ViewpointReason,
    ViewpointResult,
    maker,
)
from aiprocure.model.ruleset import Ruleset
from aiprocure.sources.yamlsrc import Document

# Built without re-validating: every field given, of its type (see findings.maker).
_new_viewpoint_result = maker(ViewpointResult)
_new_high_risk_result = maker(HighRiskResult)
_new_reason = maker(ViewpointReason)
_new_determination = maker(Determination)


@dataclass(frozen=True, slots=True)
class ViewpointPlan:
    viewpoint: Viewpoint
    # Each level with its compiled condition and the fields of every level up to it.
    levels: tuple[tuple[Level, Check, tuple[str, ...]], ...]
    deciders: tuple[Decider, ...] = ()  # each level's condition, part by part (engine.locations)

    @property
    def fields(self) -> tuple[str, ...]:
        """Every field the viewpoint's levels read, in order, once each."""
        return tuple(dict.fromkeys(self.levels[-1][2])) if self.levels else ()


def viewpoint_plans(sheet: HighRiskSheet, ruleset: Ruleset) -> tuple[ViewpointPlan, ...]:
    """The sheet's viewpoints with their levels' conditions compiled for ``ruleset``."""
    plans = []
    for vp in sheet.viewpoints:
        fields: list[str] = []
        levels = []
        for level in vp.levels:
            fields.extend(fields_of(level.when))
            levels.append((level, compile_condition(level.when, ruleset), tuple(fields)))
        deciders = tuple(decider(level.when, ruleset) for level in vp.levels)
        plans.append(ViewpointPlan(vp, tuple(levels), deciders))
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
        # The levels the viewpoint may be at (first match): a level whose condition is unknown
        # may be it, so the walk goes on; a true condition ends it. None: no level matched.
        possible: list[Level | None] = []
        places: list[int] = []  # each possible level's place in the viewpoint
        fields: tuple[str, ...] = ()
        for i, (level, when, upto) in enumerate(plan.levels):
            fields = upto
            r = when(data, observed)
            if r is None:
                possible.append(level)
                places.append(i)
            elif r:
                possible.append(level)
                places.append(i)
                break
        else:
            possible.append(None)
        highs = {None if lv is None else lv.high for lv in possible}
        # Raised or not raised only when every level it may be at says so (an answered fact
        # settles it); otherwise undetermined, and what is missing is named.
        settled = len(highs) == 1 and None not in highs
        chosen = possible[0] if len(possible) == 1 or settled else None
        first_missing = next(
            (f for f in fields if observed.get(f) is None), fields[0] if fields else ""
        )
        # A chosen level points at the field whose value decided its condition (the retrieval
        # data of a level that any of training or retrieval data raises), not the first field of
        # the viewpoint or of the level, which may be another use of the data.
        loc_field = first_missing
        if chosen is not None and fields:
            at = places[0]  # the chosen level is the first possible one
            loc_field = deciding_field(plan.deciders[at], data) or fields[0]
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
                    "high": highs.pop() if settled else None,
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


def _unanswered(data: dict[str, Any], path: str) -> bool:
    return value_at(data, path) is None


def determination(
    hr: HighRiskResult | None,
    plans: tuple[ViewpointPlan, ...],
    data: dict[str, Any],
    *,
    incomplete_blocks: bool = True,
) -> Determination:
    """The determination of the sheet's result ``hr``: raised if the sheet's aggregation is met by
    raised viewpoints; else incomplete if undetermined ones could still meet it; else not raised.
    Each viewpoint is a reason, an undetermined one naming the unanswered fields it reads.
    Without a sheet there is nothing to determine: not raised, no reasons."""
    if hr is None:
        return _new_determination(
            {
                "state": DeterminationState.NOT_RAISED,
                "aggregation": None,
                "blocks_gate": False,
                "reasons": [],
            }
        )
    reasons = []
    for v, plan in zip(hr.viewpoints, plans, strict=True):
        state = "undetermined" if v.high is None else "raised" if v.high else "not_raised"
        missing = (
            [f for f in plan.fields if _unanswered(data, f)] if state == "undetermined" else []
        )
        reasons.append(
            _new_reason(
                {
                    "viewpoint": v.id,
                    "state": state,
                    "level": v.level,
                    "title": v.title,
                    "label": v.label,
                    "missing": missing,
                    "location": v.location,
                }
            )
        )
    if hr.triggered:
        state_ = DeterminationState.RAISED
    elif hr.undetermined:
        state_ = DeterminationState.INCOMPLETE
    else:
        state_ = DeterminationState.NOT_RAISED
    blocks = state_ is DeterminationState.RAISED or (
        state_ is DeterminationState.INCOMPLETE and incomplete_blocks
    )
    return _new_determination(
        {
            "state": state_,
            "aggregation": Aggregation(mode=hr.mode, count=hr.count, provenance=hr.provenance),
            "blocks_gate": blocks,
            "reasons": reasons,
        }
    )
