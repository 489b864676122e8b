"""Calendar dates for waivers and the inventory. The users are Japanese ministries, so "today" is
the calendar date in Asia/Tokyo (UTC+9, no daylight saving) unless ``--today`` says otherwise.

Only the command line calls :func:`tokyo_today`; everything else receives the date as a value.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo

_JST_FIXED = timezone(timedelta(hours=9), "JST")


def tokyo() -> tzinfo:
    """Asia/Tokyo from the tz database, or a fixed UTC+9 when the database is not installed
    (Japan has not observed daylight saving since 1951, so both give the same dates)."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Tokyo")
    except Exception:  # ZoneInfoNotFoundError, or no tz data at all
        return _JST_FIXED


def tokyo_today(now: datetime | None = None) -> date:
    """The calendar date in Tokyo at ``now`` (an aware datetime; default: the system clock)."""
    moment = now if now is not None else datetime.now(tokyo())
    return moment.astimezone(tokyo()).date()


def parse_day(text: str) -> date | None:
    """``YYYY-MM-DD`` or None."""
    try:
        if len(text) != 10:
            return None
        return date.fromisoformat(text)
    except ValueError:
        return None
