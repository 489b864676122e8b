"""Types shared by the declaration, the checklist and the report."""

# No `from __future__ import annotations` here: pydantic would then compile and evaluate every
# field annotation from its text when the class is built (~7 ms of every start-up for the three
# model modules on the check path).

import re
from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
)
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from aiprocure.model.countries import ASSIGNED, HINTS


class Strict(BaseModel):
    """Base for every input model: unknown keys are errors, instances are immutable."""

    # defer_build: a model's validator is built when it first validates (the declaration's, on the
    # first file), not at import: a check with the shipped checklists precompiled never builds
    # the checklist, configuration or waiver models at all.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)


class Lang(StrEnum):
    JA = "ja"
    EN = "en"


class Text(Strict):
    """A text that exists in both Japanese and English."""

    ja: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.ja if lang is Lang.JA else self.en


def invalid(en: str, ja: str) -> PydanticCustomError:
    """What a model's own validator raises: pydantic's ``value_error`` with the English it has
    always had (``Value error, ...``) and the Japanese in its context, for positioned errors."""
    return PydanticCustomError("value_error", "Value error, " + en, {"ja": ja})


# --- facts shared by the input models (declaration, configuration, waivers) --------------------


def _not_blank(value: str) -> str:
    """Blank text is not a fact: ``document: " "`` would otherwise count as evidence."""
    if value and not value.strip():
        raise invalid(
            "must not be blank (whitespace only)",
            "空白だけの値は記入できません",
        )
    return value


NotBlank = AfterValidator(_not_blank)


def _country(value: str) -> str:
    if value in ASSIGNED:
        return value
    if value in HINTS:
        en, ja = HINTS[value]
        raise invalid(
            f"{value!r} is not an ISO 3166-1 alpha-2 country code; {en}",
            f"{value!r} は ISO 3166-1 alpha-2 の国コードではありません。{ja}",
        )
    raise invalid(
        f"{value!r} is not an assigned ISO 3166-1 alpha-2 country code",
        f"{value!r} は ISO 3166-1 alpha-2 で割り当てられた国コードではありません",
    )


Country = Annotated[
    str,
    Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 country code, e.g. JP, US"),
    AfterValidator(_country),
]


def check_countries(found: Iterable[tuple[tuple[str | int, ...], object]]) -> None:
    """For a validator of a field whose values are countries only by its meaning (a pack's list
    of countries, a predicate's ``home_country``): each ``(location, value)`` that is not a
    ``Country`` becomes an error at that location below the field, with ``Country``'s message."""
    errors: list[InitErrorDetails] = []
    for loc, value in found:
        try:
            _country(value)  # type: ignore[arg-type]  # any value: not one of the assigned codes
        except PydanticCustomError as exc:
            errors.append(InitErrorDetails(type=exc, loc=loc, input=value))
    if errors:
        raise ValidationError.from_exception_data("country", errors)


# Dates are calendar dates written YYYY-MM-DD, from 2000-01-01 (before generative AI procurement, so
# earlier is a typo or a number read as Unix time) to 2099-12-31. A date that states a past event
# (declared_on, an evaluation) is also not after "today", when the caller gives one: the validation
# context's ``today`` (``load.validate(..., today=...)``); the command line takes it from
# ``--today``/SOURCE_DATE_EPOCH or the Tokyo calendar, so a run stays reproducible.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2099, 12, 31)
_ISO_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _iso_text(value: object) -> object:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value  # from a program calling the model directly
    if not isinstance(value, str) or not _ISO_DAY.match(value):
        raise invalid(
            "dates must be written YYYY-MM-DD",
            "日付は YYYY-MM-DD の形式で記入してください",
        )
    return value


def _plausible(value: date) -> date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise invalid(
            f"date {value} is outside {EARLIEST_DATE} .. {LATEST_DATE}",
            f"日付 {value} が {EARLIEST_DATE} から {LATEST_DATE} の範囲外です",
        )
    return value


def _not_future(value: date, info: ValidationInfo) -> date:
    today = (info.context or {}).get("today") if isinstance(info.context, dict) else None
    if isinstance(today, date) and value > today:
        raise invalid(
            f"date {value} is in the future (today is {today})",
            f"日付 {value} は未来の日付です（今日は {today}）",
        )
    return value


Day = Annotated[date, BeforeValidator(_iso_text), AfterValidator(_plausible)]
PastDay = Annotated[
    date, BeforeValidator(_iso_text), AfterValidator(_plausible), AfterValidator(_not_future)
]
