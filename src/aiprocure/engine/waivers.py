"""Waivers applied to one declaration's findings, before anything is scored.

A pure function of (findings, waivers, today): matched open findings (fail, unanswered,
unverified) become ``waived``, and the engine scores the result, so risk, review flags and the
CI gate see waived findings as what they are. A waiver never removes a high-risk *viewpoint*
flag: it can excuse a vendor's shortfall, not exempt a use case from CAIO review.

Rules, in order:

* a waiver applies from ``approved_on`` to ``expires_on`` inclusive (calendar dates, Asia/Tokyo);
* it matches a finding when ``rule`` is the finding's rule and every scope key given matches: the
  declaration's sha256, its path (a glob made absolute against the waivers file's directory,
  matched with the declaration's absolute path), the corporate number, and the vendor or system
  name (which only narrow one of the others: ``model.waivers.Scope``);
* two in-force waivers matching one finding: the one expiring last wins (ties: the smallest id),
  and a ``conflict`` notice names the losers;
* notices: ``expired`` (matched the subject and rule but is past its date), ``not_yet_effective``,
  ``unused`` (in force for this subject but the rule's finding is not open), ``expiring_soon``
  (applied, and expires within ``soon_days``).

Loading waiver files (with positioned errors) is ``caio.waivers``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fnmatch import fnmatchcase
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from aiprocure.engine.findings import C_WAIVED, OPEN_CODES
from aiprocure.model.findings import Finding, InputDigest, Status, Waiver, WaiverNotice

if TYPE_CHECKING:  # the models are built only when a waiver file is read (start-up of `check`)
    from aiprocure.model.waivers import WaiverEntry

SOON_DAYS = 30


@dataclass(frozen=True)
class LoadedWaiver:
    entry: WaiverEntry
    path: str
    line: int
    # the scope's declaration glob made absolute against the waivers file's directory (POSIX form)
    declaration: str | None = None

    @property
    def source(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class WaiverSet:
    waivers: tuple[LoadedWaiver, ...] = ()
    digests: tuple[InputDigest, ...] = ()
    cwd: str = ""  # the directory relative declaration paths are read from (set when loaded)


def absolute(path: str, cwd: str) -> str:
    """``path`` made absolute against ``cwd`` and normalised, in POSIX form (no file is read)."""
    joined = PurePath(cwd, path) if cwd else PurePath(path)
    return posixpath.normpath(joined.as_posix())


def in_scope(
    w: WaiverEntry,
    subject: Mapping[str, Any],
    *,
    sha256: str | None = None,
    path: str | None = None,
    declaration: str | None = None,
) -> bool:
    """Whether every scope key ``w`` gives matches: ``subject`` (the report's JSON subject),
    ``sha256`` the declaration's digest, ``path`` its absolute POSIX path and ``declaration`` the
    scope's glob made absolute (``LoadedWaiver.declaration``)."""
    s = w.scope
    glob = declaration or s.declaration
    where = path if declaration else subject["declaration"]
    return (
        (s.sha256 is None or s.sha256 == sha256)
        and (s.corporate_number is None or s.corporate_number == subject["corporate_number"])
        and (s.vendor is None or s.vendor == subject["vendor"])
        and (s.system is None or s.system == subject["system"])
        and (glob is None or (where is not None and fnmatchcase(where, glob)))
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
        scope=w.scope.controlled_by(),
    )


def _winner(candidates: list[LoadedWaiver]) -> LoadedWaiver:
    # expiring last wins; on a tie, the smallest id
    return sorted(candidates, key=lambda c: (-c.entry.expires_on.toordinal(), c.entry.id))[0]


def apply_waivers(
    findings: list[Finding],
    codes: list[int],
    order: Sequence[int],
    *,
    rule_ids: Collection[str],
    subject: Mapping[str, Any],
    waivers: WaiverSet,
    today: date,
    soon_days: int = SOON_DAYS,
    inputs: Sequence[InputDigest] = (),
) -> list[WaiverNotice]:
    """Waive the open findings the waivers cover, in place: ``findings[i]`` becomes its waived
    copy and ``codes[i]`` the code of ``waived``. ``order`` is the report's order of the indexes
    (the order notices are found in); ``rule_ids`` every rule of the rule set. The notices,
    sorted."""
    digest = next((d.sha256 for d in inputs if d.kind == "declaration"), None)
    where = absolute(subject["declaration"], waivers.cwd)
    relevant = [
        w
        for w in waivers.waivers
        if in_scope(w.entry, subject, sha256=digest, path=where, declaration=w.declaration)
    ]
    notices: list[WaiverNotice] = []
    active: list[LoadedWaiver] = []
    for w in relevant:
        if w.entry.rule not in rule_ids:
            continue
        if w.entry.expires_on < today:
            notices.append(_notice("expired", w))
        elif w.entry.approved_on > today:
            notices.append(_notice("not_yet_effective", w))
        else:
            active.append(w)
    if active:
        for i in order:
            f = findings[i]
            matching = [w for w in active if w.entry.rule == f.rule_id]
            if not matching:
                continue
            if codes[i] not in OPEN_CODES:
                notices.extend(_notice("unused", w) for w in matching)
                continue
            win = _winner(matching)
            if len(matching) > 1:
                others = [w.entry.id for w in matching if w is not win]
                notices.append(_notice("conflict", win, others))
            if (win.entry.expires_on - today).days <= soon_days:
                notices.append(_notice("expiring_soon", win))
            findings[i] = f.model_copy(
                update={"status": Status.WAIVED, "waiver": _as_waiver(win.entry)}
            )
            codes[i] = C_WAIVED
    notices.sort(key=lambda n: (n.rule_id, n.kind, n.waiver_id))
    return notices
