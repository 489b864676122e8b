"""The declaration's building blocks: value types with their limits, evidence, and a section.

Shared by ``model.declaration`` and ``model.declaration_chain``.
"""

# No `from __future__ import annotations` here (see model.declaration).

from typing import Annotated

from pydantic import Field, HttpUrl

from aiprocure.model.common import Country, Day, NotBlank, Strict
from aiprocure.model.facts import EvidenceKind

Countries = list[Country]
# Text is a fact only when it says something: empty or whitespace-only text is an error.
ShortText = Annotated[str, Field(min_length=1, max_length=500), NotBlank]
# Numbers and yes/no facts are strict: `prompt_days: true` or `audit_rights: "yes"` is an error,
# not silently 1 or True, because a vendor's wording must not be read generously. Every number has
# a range (docs/limits.md): a century of days, a year of hours, a century of months.
Days = Annotated[int, Field(ge=0, le=36_500, strict=True)]
Hours = Annotated[int, Field(ge=0, le=8_760, strict=True)]
Months = Annotated[int, Field(ge=0, le=1_200, strict=True)]
Page = Annotated[int, Field(ge=1, le=100_000, strict=True)]
Percent = Annotated[float, Field(ge=0, le=100, strict=True)]
Flag = Annotated[bool, Field(strict=True)]
LongText = Annotated[str, Field(min_length=1, max_length=5000), NotBlank]


def corporate_number_is_valid(number: str) -> bool:
    """Check the leading check digit of a 13-digit Japanese corporate number (法人番号)."""
    if len(number) != 13 or not number.isascii() or not number.isdigit():
        return False
    base = number[1:]
    total = sum(int(d) * (1 if i % 2 == 0 else 2) for i, d in enumerate(reversed(base)))
    return int(number[0]) == 9 - total % 9


Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="64 lowercase hex digits")]


class Evidence(Strict):
    """Where in the vendor's documents a claim can be checked. ``kind``, ``date``, ``file`` and
    ``sha256`` are format 2.0 keys (``kind`` is required there; a 1.0 file may not use them: the
    reader of ``sources.facts`` says so)."""

    document: ShortText
    section: ShortText | None = None
    page: Page | None = None
    url: HttpUrl | None = None
    kind: EvidenceKind | None = Field(default=None, description="the kind of source (2.0)")
    date: Day | None = Field(default=None, description="the document's date or version date")
    file: ShortText | None = Field(
        default=None, description="a file beside the declaration (relative path)"
    )
    sha256: Sha256 | None = Field(default=None, description="the file's SHA-256 digest")


class Section(Strict):
    evidence: list[Evidence] | None = None
