"""SARIF for format 2.0 (docs/declaration-format.md sections 3 and 4): a result's conditions of
acceptance and evidence as properties, each condition as a related location; the evidence files
as run artifacts with their sha-256 (SARIF 2.1.0 section 3.24.11, ``artifact.hashes``); each
report's conditions, notes and notices in the run's summary properties. Strings are cleaned with
the rest of the log (``sarif._clean``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aiprocure.model.common import Lang
from aiprocure.model.findings import Finding, Report
from aiprocure.render import conditions as acc
from aiprocure.render import sarif_ci as ci
from aiprocure.render.i18n import t


def add_to_result(result: dict[str, Any], f: Finding, lang: Lang, where: ci.Where) -> None:
    """The finding's conditions and evidence on its result."""
    props = result["properties"]
    if f.any_region:
        props["any_region"] = list(f.any_region)
    if f.evidence:
        props["evidence"] = [e.model_dump(mode="json") for e in f.evidence]
    if not f.conditions:
        return
    props["conditions"] = [c.model_dump(mode="json") for c in f.conditions]
    result["relatedLocations"] = [
        {
            "id": i,
            "physicalLocation": {
                "artifactLocation": where.artifact(f.location.file),
                "region": {"startLine": c.line, "startColumn": c.col},
            },
            "message": {"text": f"{t('acc.condition', lang)}: {acc.condition_line(c, lang)}"},
        }
        for i, c in enumerate(f.conditions, 1)
    ]


def artifacts(reports: Sequence[Report], where: ci.Where) -> list[dict[str, Any]]:
    """Every evidence file of the reports, once, with its digest, sorted by location."""
    seen: dict[str, dict[str, Any]] = {}
    for report in reports:
        for d in report.inputs:
            if d.kind != "evidence":
                continue
            location = where.artifact(d.path)
            seen.setdefault(
                location["uri"],
                {"location": location, "roles": ["attachment"], "hashes": {"sha-256": d.sha256}},
            )
    return [seen[k] for k in sorted(seen)]


def summary(report: Report, lang: Lang) -> dict[str, Any]:
    """What a report's summary in the run's properties adds for format 2.0 (empty if nothing)."""
    out: dict[str, Any] = {}
    if report.acceptance_conditions:
        out["acceptance_conditions"] = [
            c.model_dump(mode="json") for c in report.acceptance_conditions
        ]
    if report.fact_notes:
        out["fact_notes"] = [n.model_dump(mode="json") for n in report.fact_notes]
    if report.notices:
        out["notices"] = [
            {**n.model_dump(mode="json", exclude_none=True), "text": acc.notice_text(n, lang)}
            for n in report.notices
        ]
    return out
