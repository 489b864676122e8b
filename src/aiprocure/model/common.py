"""Types shared by the declaration, the checklist and the report."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


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
