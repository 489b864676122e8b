"""One inventory row: made from a report (``entry_from``) or read back from the database
(``from_row``), where a damaged row (edited by hand, written by another tool, bit rot) is kept with
what can be read and the reasons it is damaged, never a crash of ``inventory list/expiring/export``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from aiprocure.caio.dates import parse_day
from aiprocure.model.findings import Report

COLUMNS = (
    "vendor",
    "corporate_number",
    "system",
    "declaration_path",
    "declaration_sha256",
    "report_sha256",
    "checklists",
    "risk_level",
    "review_required",
    "review_flags",
    "determination_state",
    "determination_reasons",
    "waivers",
    "assessed_on",
)


@dataclass(frozen=True)
class Entry:
    vendor: str | None
    corporate_number: str | None
    system: str | None
    declaration_path: str
    declaration_sha256: str
    report_sha256: str
    checklists: list[str]
    risk_level: str
    review_required: bool
    review_flags: list[str]
    # raised / not_raised / incomplete; None for a row recorded before inventory schema 2
    determination_state: str | None
    # the raised viewpoints (``HR-USERS``) and the undetermined ones with their missing keys
    # (``HR-TASK: use_case.task_nature``), in sheet order
    determination_reasons: list[str]
    waivers: list[dict[str, str]]
    assessed_on: str
    # Why the stored row could not be read as written (``from_row``), and its row id: a damaged
    # row is still listed, with what could be read, and reported instead of crashing the command.
    damaged: tuple[str, ...] = ()
    row_id: int | None = field(default=None, compare=False)
    damaged_ja: tuple[str, ...] = field(default=(), compare=False)

    def as_row(self) -> dict[str, Any]:
        row = {c: getattr(self, c) for c in COLUMNS}
        if self.damaged:
            row["damaged"] = f"row {self.row_id}: " + "; ".join(self.damaged)
        return row


def shown_path(path: str) -> str:
    """A file name as it can be stored and shown: bytes that are not UTF-8 (which arrive as
    surrogate escapes) written as ``\\xff``."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def entry_from(report: Report, report_json: str, assessed_on: date) -> Entry:
    import hashlib

    decl = next(i for i in report.inputs if i.kind == "declaration")
    return Entry(
        vendor=report.subject.vendor,
        corporate_number=report.subject.corporate_number,
        system=report.subject.system,
        declaration_path=shown_path(report.subject.declaration),
        declaration_sha256=decl.sha256,
        report_sha256=hashlib.sha256(report_json.encode("utf-8")).hexdigest(),
        checklists=sorted(f"{c.id}@{c.version}" for c in report.checklists),
        risk_level=report.risk_level.value,
        review_required=report.review_required,
        review_flags=sorted(f.source_id for f in report.review_flags),
        determination_state=report.determination.state.value,
        determination_reasons=determination_reasons(report),
        waivers=sorted(
            (
                {"id": f.waiver.id, "rule": f.rule_id, "expires_on": f.waiver.expires_on}
                for f in report.findings
                if f.waiver is not None
            ),
            key=lambda w: (w["rule"], w["id"]),
        ),
        assessed_on=assessed_on.isoformat(),
    )


def determination_reasons(report: Report) -> list[str]:
    out = []
    for r in report.determination.reasons:
        if r.state == "raised":
            out.append(r.viewpoint)
        elif r.state == "undetermined":
            out.append(f"{r.viewpoint}: {', '.join(r.missing) or '—'}")
    return out


def _text_list(raw: Any, name: str, damage: list[tuple[str, str]]) -> list[str]:
    try:
        value = json.loads(raw) if isinstance(raw, str | bytes) else raw
    except ValueError:
        damage.append((f"{name} is not JSON", f"{name} が JSON ではありません"))
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        damage.append((f"{name} is not a list of texts", f"{name} が文字列のリストではありません"))
        return []
    return value


def _text(
    raw: Any, name: str, damage: list[tuple[str, str]], *, optional: bool = False
) -> str | None:
    if raw is None and optional:
        return None
    if isinstance(raw, str):
        return raw
    damage.append((f"{name} is not text", f"{name} が文字列ではありません"))
    return None if optional else ("" if raw is None else str(raw))


_STATES = ("raised", "not_raised", "incomplete")


def _state(r: Mapping[str, Any], damage: list[tuple[str, str]]) -> str | None:
    raw = r["determination_state"] if "determination_state" in set(r.keys()) else None
    if raw is None or raw in _STATES:
        return raw  # None: recorded before the determination was (schema 1)
    damage.append(
        ("determination_state is not a state", "determination_state が判定の状態ではありません")
    )
    return None


def from_row(r: Mapping[str, Any], waivers: Sequence[Mapping[str, Any]]) -> Entry:
    """An entry from an ``assessments`` row and its ``waivers`` rows, checking each value."""
    damage: list[tuple[str, str]] = []
    ws = []
    for w in waivers:
        expires = w["expires_on"]
        if not isinstance(expires, str) or parse_day(expires) is None:
            wid = str(w["waiver_id"])[:64]
            damage.append(
                (
                    f"waiver {wid!r} has a bad expiry date",
                    f"免除 {wid!r} の有効期限が日付ではありません",
                )
            )
        ws.append(
            {
                "id": str(w["waiver_id"]),
                "rule": str(w["rule_id"]),
                "expires_on": str(expires),
            }
        )
    assessed_on = _text(r["assessed_on"], "assessed_on", damage) or ""
    if parse_day(assessed_on) is None and isinstance(r["assessed_on"], str):
        damage.append(("assessed_on is not a date", "assessed_on が日付ではありません"))
    review = r["review_required"]
    if review not in (0, 1):
        damage.append(
            ("review_required is not 0 or 1", "review_required が 0 でも 1 でもありません")
        )
    return Entry(
        vendor=_text(r["vendor"], "vendor", damage, optional=True),
        corporate_number=_text(r["corporate_number"], "corporate_number", damage, optional=True),
        system=_text(r["system"], "system", damage, optional=True),
        declaration_path=_text(r["declaration_path"], "declaration_path", damage) or "",
        declaration_sha256=_text(r["declaration_sha256"], "declaration_sha256", damage) or "",
        report_sha256=_text(r["report_sha256"], "report_sha256", damage) or "",
        checklists=_text_list(r["checklists"], "checklists", damage),
        risk_level=_text(r["risk_level"], "risk_level", damage) or "",
        review_required=review == 1,
        review_flags=_text_list(r["review_flags"], "review_flags", damage),
        determination_state=_state(r, damage),
        determination_reasons=(
            _text_list(r["determination_reasons"], "determination_reasons", damage)
            if "determination_reasons" in set(r.keys())  # a sqlite3.Row: `in` reads values
            else []
        ),
        waivers=ws,
        assessed_on=assessed_on,
        damaged=tuple(en for en, _ in damage),
        damaged_ja=tuple(ja for _, ja in damage),
        row_id=r["id"] if isinstance(r["id"], int) else None,
    )


def damage_messages(path: str, entries: Sequence[Entry]) -> list[tuple[str, str]]:
    """One (English, Japanese) line per damaged entry, for the command to print as warnings."""
    out = []
    for e in entries:
        if e.damaged:
            why, why_ja = "; ".join(e.damaged), "、".join(e.damaged_ja or e.damaged)
            out.append(
                (
                    f"{path}: row {e.row_id} is damaged ({why}); shown with what could be read",
                    f"{path}: 行 {e.row_id} が破損しています（{why_ja}）。読めた内容だけを表示します",
                )
            )
    return out
