"""The waivers file: exceptions a CAIO office grants to specific findings, with an expiry.

Every waiver names one rule and a scope the ministry controls (the declaration's sha256, its path
relative to the waivers file, or the corporate number), optionally narrowed by vendor or system
name; every scope key given must match. Dates are calendar dates (Asia/Tokyo).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from aiprocure.model.checklist import RuleId
from aiprocure.model.common import Day, Strict, invalid
from aiprocure.model.declaration import corporate_number_is_valid

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
WaiverId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]


class Scope(Strict):
    """Which declarations a waiver covers, by what the ministry controls: the declaration's digest,
    its path, or the vendor's corporate number (check digit verified). Every key given must match
    (they are ANDed). ``vendor`` and ``system`` are what the vendor declares about itself: they may
    narrow one of the others, never stand alone (an impostor could declare a trusted name)."""

    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = Field(
        default=None, description="the declaration file's sha256 (as reports record it)"
    )
    declaration: NonEmpty | None = Field(
        default=None,
        description="path (glob) of the declaration, relative to this waivers file's directory",
    )
    corporate_number: Annotated[str, Field(pattern=r"^[0-9]{13}$")] | None = None
    vendor: NonEmpty | None = Field(default=None, description="vendor name, exactly as declared")
    system: NonEmpty | None = Field(default=None, description="system name, exactly as declared")

    @field_validator("corporate_number")
    @classmethod
    def _check_digit(cls, value: str | None) -> str | None:
        if value is not None and not corporate_number_is_valid(value):
            raise invalid(
                "corporate_number must be 13 digits with a valid check digit (法人番号の検査用数字)",
                "法人番号は検査用数字の正しい 13 桁の数字で記入してください",
            )
        return value

    @model_validator(mode="after")
    def _controlled(self) -> Scope:
        if self.sha256 or self.declaration or self.corporate_number:
            return self
        if self.vendor or self.system:
            raise invalid(
                "a scope by vendor or system name alone matches whoever declares that name; scope "
                "the waiver by sha256 (the declaration's digest), declaration (its path, relative "
                "to this file) or corporate_number (the name may narrow one of them)",
                "vendor・system の名前だけの対象は、その名前を名乗る誰にでも当てはまります。"
                "sha256（申告書のダイジェスト）、declaration（このファイルからの相対パス）または "
                "corporate_number で対象を指定してください（名前はそれらを絞り込む場合にだけ使えます）",
            )
        raise invalid(
            "a waiver needs a scope: sha256, declaration or corporate_number",
            "免除の対象（scope）を指定してください: sha256、declaration、corporate_number",
        )

    def controlled_by(self) -> str:
        """The scope key the ministry controls that this scope uses (the report names it)."""
        return (
            "sha256" if self.sha256 else "declaration" if self.declaration else "corporate_number"
        )


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
