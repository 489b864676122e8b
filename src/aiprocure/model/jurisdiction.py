"""A checklist's jurisdictions: each country's regime for compelled access to data a company
holds, and the laws behind it (re-exported by ``model.checklist``)."""

# No `from __future__ import annotations`: see model.checklist.

from typing import Annotated, Literal

from pydantic import Field

from aiprocure.model.common import Country, Strict, Text


class Law(Strict):
    name: Text
    year: int | None = None
    note: Text | None = None
    aliases: list[Annotated[str, Field(min_length=1)]] = Field(
        default_factory=list,
        description="names a declaration may use in foreign_law.subject_to for this law",
    )
    sources: list[Annotated[str, Field(min_length=1)]] = Field(
        default_factory=list, description="where the law's text or its analysis was read"
    )
    checked_on: str | None = None


class Jurisdiction(Strict):
    """A country's regime for compelled access to data a company holds (docs/verdicts.md 7.2).

    ``grade`` A: a general duty to cooperate with intelligence or security organs, with secrecy
    and no route to a court; B: compelled production by judicial or judicially approved process
    reaching data held anywhere, with challenges; C: ordinary warrants or treaty routes only.
    ``compelled_access`` is derived (grade A or B) when not given; a pack written before grades
    gives only ``compelled_access`` and is read as B (true) or C (false)."""

    country: Country
    name: Text
    grade: Literal["A", "B", "C"] | None = None
    grade_basis: Text | None = None
    compelled_access: bool | None = None
    laws: list[Law] = Field(default_factory=list)

    @property
    def effective_grade(self) -> str:
        if self.grade is not None:
            return self.grade
        return "B" if self.compelled_access else "C"

    @property
    def compels(self) -> bool:
        if self.compelled_access is not None and self.grade is None:
            return self.compelled_access
        return self.effective_grade in ("A", "B")
