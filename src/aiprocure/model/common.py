"""Types shared by the declaration, the checklist and the report."""

# No `from __future__ import annotations` here: pydantic would then compile and evaluate every
# field annotation from its text when the class is built (~7 ms of every start-up for the three
# model modules on the check path).

from enum import StrEnum

from pydantic import BaseModel, ConfigDict
from pydantic_core import PydanticCustomError


class Strict(BaseModel):
    """Base for every input model: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


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
