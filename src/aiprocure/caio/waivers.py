"""Load waiver files and apply them to reports.

Applying is a pure function of (report, waivers, today): matched open findings (fail,
unanswered, unverified) become ``waived``; scores, risk and review flags are recomputed with the
engine's own scoring functions. A waiver never removes a high-risk *viewpoint* flag: it can excuse
a vendor's shortfall, not exempt a use case from CAIO review.

Rules, in order:

* a waiver applies from ``approved_on`` to ``expires_on`` inclusive (calendar dates, Asia/Tokyo);
* it matches a finding when ``rule`` is the finding's rule and every scope key given matches the
  report's subject (declaration is a glob on the path as given, also tried in POSIX form);
* two in-force waivers matching one finding: the one expiring last wins (ties: the smallest id),
  and a ``conflict`` notice names the losers;
* notices: ``expired`` (matched the subject and rule but is past its date), ``not_yet_effective``,
  ``unused`` (in force for this subject but the rule's finding is not open), ``expiring_soon``
  (applied, and expires within ``soon_days``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fnmatch import fnmatchcase
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from aiprocure.engine.assess import finding_sort_key
from aiprocure.engine.scoring import category_scores, overall_risk, review_flags
from aiprocure.errors import InputError, Problem
from aiprocure.model.checklist import Category
from aiprocure.model.findings import (
    Finding,
    InputDigest,
    Report,
    Status,
    Subject,
    Waiver,
    WaiverNotice,
)
from aiprocure.model.ruleset import Ruleset
from aiprocure.sources.load import load

if TYPE_CHECKING:  # the models are built only when a waiver file is read (start-up of `check`)
    from aiprocure.model.waivers import WaiverEntry

OPEN = (Status.FAIL, Status.UNANSWERED, Status.UNVERIFIED)
SOON_DAYS = 30


@dataclass(frozen=True)
class LoadedWaiver:
    entry: WaiverEntry
    path: str
    line: int

    @property
    def source(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class WaiverSet:
    waivers: tuple[LoadedWaiver, ...] = ()
    digests: tuple[InputDigest, ...] = ()


def load_waivers(paths: Sequence[Path], ruleset: Ruleset) -> WaiverSet:
    """Load waiver files; every problem (schema, unknown rule, duplicate id) at its position."""
    from aiprocure.model.waivers import WaiverFile

    rule_ids = {r.id for r in ruleset.rules}
    out: list[LoadedWaiver] = []
    digests: list[InputDigest] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in paths:
        try:
            wf, doc = load(path, WaiverFile)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        digests.append(InputDigest(kind="waivers", path=str(path), sha256=doc.sha256))
        for i, w in enumerate(wf.waivers):
            at = doc.position(("waivers", i))
            if w.rule not in rule_ids:
                pos = doc.position(("waivers", i, "rule"))
                problems.append(
                    Problem(
                        doc.path,
                        pos.line,
                        pos.col,
                        f"waivers[{i}].rule: unknown rule {w.rule!r}",
                        f"waivers[{i}].rule: 不明な項目 {w.rule!r} です",
                    )
                )
            if w.id in seen:
                pos = doc.position(("waivers", i, "id"))
                problems.append(
                    Problem(
                        doc.path,
                        pos.line,
                        pos.col,
                        f"waivers[{i}].id: duplicate waiver id {w.id!r} (first at {seen[w.id]})",
                        f"waivers[{i}].id: 免除 ID {w.id!r} が重複しています"
                        f"（最初の定義: {seen[w.id]}）",
                    )
                )
            else:
                seen[w.id] = f"{doc.path}:{at.line}"
            out.append(LoadedWaiver(entry=w, path=doc.path, line=at.line))
    if problems:
        raise InputError(problems)
    return WaiverSet(waivers=tuple(out), digests=tuple(digests))


def _glob(pattern: str, path: str) -> bool:
    posix = PurePath(path).as_posix()
    return any(fnmatchcase(p, pattern) for p in {path, posix, posix.removeprefix("./")})


def in_scope(w: WaiverEntry, subject: Subject) -> bool:
    s = w.scope
    return (
        (s.corporate_number is None or s.corporate_number == subject.corporate_number)
        and (s.vendor is None or s.vendor == subject.vendor)
        and (s.system is None or s.system == subject.system)
        and (s.declaration is None or _glob(s.declaration, subject.declaration))
    )


def _notice(kind: str, w: LoadedWaiver, other: Sequence[str] = ()) -> WaiverNotice:
    return WaiverNotice.model_validate(
        {
            "kind": kind,
            "waiver_id": w.entry.id,
            "rule_id": w.entry.rule,
            "expires_on": w.entry.expires_on.isoformat(),
            "source": w.source,
            "other": sorted(other),
        }
    )


def _as_waiver(w: WaiverEntry) -> Waiver:
    return Waiver(
        id=w.id,
        justification=w.justification,
        approver=w.approver,
        approved_on=w.approved_on.isoformat(),
        expires_on=w.expires_on.isoformat(),
    )


def _winner(candidates: list[LoadedWaiver]) -> LoadedWaiver:
    # expiring last wins; on a tie, the smallest id
    return sorted(candidates, key=lambda c: (-c.entry.expires_on.toordinal(), c.entry.id))[0]


def apply_waivers(
    report: Report, waivers: WaiverSet, today: date, *, soon_days: int = SOON_DAYS
) -> Report:
    """A new report with matching open findings waived and everything derived recomputed."""
    relevant = [w for w in waivers.waivers if in_scope(w.entry, report.subject)]
    notices: list[WaiverNotice] = []
    by_rule = {f.rule_id: f for f in report.findings}
    active: list[LoadedWaiver] = []
    for w in relevant:
        if w.entry.rule not in by_rule:
            continue
        if w.entry.expires_on < today:
            notices.append(_notice("expired", w))
        elif w.entry.approved_on > today:
            notices.append(_notice("not_yet_effective", w))
        else:
            active.append(w)
    findings: list[Finding] = []
    for f in report.findings:
        matching = [w for w in active if w.entry.rule == f.rule_id]
        if f.status not in OPEN:
            notices.extend(_notice("unused", w) for w in matching)
            findings.append(f)
            continue
        if not matching:
            findings.append(f)
            continue
        win = _winner(matching)
        if len(matching) > 1:
            notices.append(_notice("conflict", win, [w.entry.id for w in matching if w is not win]))
        if (win.entry.expires_on - today).days <= soon_days:
            notices.append(_notice("expiring_soon", win))
        findings.append(
            f.model_copy(update={"status": Status.WAIVED, "waiver": _as_waiver(win.entry)})
        )
    findings.sort(key=finding_sort_key)
    # category order and titles as the report already has them
    shell = Ruleset(
        checklists=[],
        categories={
            c.category: Category.model_construct(id=c.category, title=c.title, description=None)
            for c in report.categories
        },
    )
    cats = category_scores(findings, shell)
    flags = review_flags(findings, report.high_risk)
    notices.sort(key=lambda n: (n.rule_id, n.kind, n.waiver_id))
    inputs = list(report.inputs)
    inputs += [d for d in waivers.digests if d not in inputs]
    return report.model_copy(
        update={
            "findings": findings,
            "categories": cats,
            "risk_level": overall_risk(cats),
            "review_flags": flags,
            "review_required": bool(flags),
            "waiver_notices": [*report.waiver_notices, *notices],
            "inputs": inputs,
        }
    )
