"""What the HTML meeting pack shows beyond the report's own fields: the overview's counts, the
declaration's digest and date, the conditions of acceptance, the time in Asia/Tokyo, and the
running header of a printed page (a CSS string, escaped so vendor text cannot leave it).

Pure: no I/O but the time-zone database, read once (and a fixed UTC+9 when it is absent).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache

from markupsafe import Markup

from aiprocure.model.common import Lang
from aiprocure.model.findings import AcceptanceCondition, Report, Status
from aiprocure.render import conditions as acc
from aiprocure.render.i18n import t
from aiprocure.render.phrases import PHRASES
from aiprocure.render.safe import clean

# the order in which the overview counts findings: open ones first
STATUS_ORDER = (
    Status.FAIL,
    Status.UNANSWERED,
    Status.UNVERIFIED,
    Status.WAIVED,
    Status.NOT_APPLICABLE,
    Status.PASS,
)
OPEN = frozenset({Status.FAIL, Status.UNANSWERED, Status.UNVERIFIED})
# shown in full in the findings table; passed and not-applicable rules are listed by title
OPEN_OR_WAIVED = OPEN | {Status.WAIVED}

_JST_FIXED = timezone(timedelta(hours=9), "JST")


@cache
def tokyo() -> tzinfo:
    """Asia/Tokyo from the tz database, or a fixed UTC+9 without it: Japan has kept no daylight
    saving since 1951, so both give the same local time for every report this tool writes."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Tokyo")
    except Exception:  # ZoneInfoNotFoundError, or no tz data at all
        return _JST_FIXED


def tokyo_time(stamp: str) -> str:
    """``2026-11-30T02:59:00Z`` -> ``2026-11-30 11:59:00 JST (UTC+09:00)``; text that is not an
    ISO time is shown as it is."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return clean(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(tokyo())
    return local.strftime("%Y-%m-%d %H:%M:%S") + " JST (UTC+09:00)"


def counts(report: Report) -> list[tuple[Status, int]]:
    return [(s, report.count(s)) for s in STATUS_ORDER]


def declaration_digest(report: Report) -> str | None:
    """The sha256 of the declaration file the report was made from."""
    return next((i.sha256 for i in report.inputs if i.kind == "declaration"), None)


def declared_on(report: Report) -> str | None:
    """The declaration's ``declared_on`` date, as the report's subject carries it."""
    return clean(report.subject.declared_on) if report.subject.declared_on else None


@dataclass(frozen=True)
class AcceptanceRow:
    fact: str
    value: str
    when: str
    detail: str
    rules: str
    line: str


def acceptance_conditions(report: Report, lang: Lang) -> list[AcceptanceRow]:
    """The report's conditions of acceptance (declaration format 2.0); none for a plain file."""
    return [_acceptance_row(c, lang) for c in report.acceptance_conditions]


def _acceptance_row(c: AcceptanceCondition, lang: Lang) -> AcceptanceRow:
    phrase = f"html.when.{c.kind}"
    return AcceptanceRow(
        fact=clean(c.path),
        value=clean(acc.value_text(c.value, lang)),
        when=t(phrase, lang) if phrase in PHRASES else clean(c.kind),
        detail=clean(c.detail or ""),
        rules=", ".join(clean(r) for r in c.rules),
        line=f"{c.line}:{c.col}",
    )


def page_name(index: int) -> str:
    return f"decl-{index}"


def css_string(text: str) -> Markup:
    """``text`` as a CSS string literal safe inside ``<style>``: every character but letters and
    digits (of any script) as a six-digit hexadecimal escape, so no quote, backslash, ``<`` or
    ``}`` survives (a space too: CSS would take a space after an escape as the escape's end)."""
    out = []
    for ch in clean(text):
        if ch.isalnum():
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):06x}")
    return Markup('"' + "".join(out) + '"')


def running_header(report: Report) -> str:
    subject = report.subject
    head = subject.vendor or subject.declaration
    return f"{head} — {subject.system}" if subject.system else head
