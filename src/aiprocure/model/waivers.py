"""The waivers file: exceptions a CAIO office grants to specific findings, with an expiry.

Every waiver names one rule and at least one scope (vendor corporate number, vendor name, system
name, declaration path glob); every scope given must match. Dates are calendar dates (Asia/Tokyo).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from aiprocure.model.checklist import RuleId
from aiprocure.model.common import Day, Strict, invalid

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
WaiverId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]


class Scope(Strict):
    """Which declarations a waiver covers. Every key given must match (they are ANDed)."""

    corporate_number: Annotated[str, Field(pattern=r"^[0-9]{13}$")] | None = None
    vendor: NonEmpty | None = Field(default=None, description="vendor name, exactly as declared")
    system: NonEmpty | None = Field(default=None, description="system name, exactly as declared")
    declaration: NonEmpty | None = Field(
        default=None, description="glob on the declaration path as given, e.g. `bids/2025/*.yaml`"
    )

    @model_validator(mode="after")
    def _at_least_one(self) -> Scope:
        if not (self.corporate_number or self.vendor or self.system or self.declaration):
            raise invalid(
                "a waiver needs at least one scope: corporate_number, vendor, system or declaration",
                "免除の対象（scope）を 1 つ以上指定してください: "
                "corporate_number、vendor、system、declaration",
            )
        return self


class WaiverEntry(Strict):
    id: WaiverId
    rule: RuleId
    scope: Scope
    justification: NonEmpty
    approver: NonEmpty
    approved_on: Day
    expires_on: Day

    @field_validator("expires_on")
    @classmethod
    def _after_approval(cls, value: date, info: ValidationInfo) -> date:
        approved = info.data.get("approved_on")
        if isinstance(approved, date) and value < approved:
            raise invalid(
                f"expires_on {value} is before approved_on {approved}",
                f"有効期限（expires_on）{value} が承認日（approved_on）{approved} より前です",
            )
        return value


class WaiverFile(Strict):
    waivers: list[WaiverEntry]
