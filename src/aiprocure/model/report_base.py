"""The report's building blocks: frozen models, ``maker`` (building one without validation),
statuses, risk levels and locations. Pure data; ``model.findings`` re-exports every name."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

JsonScalar = str | int | float | bool | None
Observed = JsonScalar | list[JsonScalar]


class Frozen(BaseModel):
    # defer_build: reports are made with ``maker`` (no validation); the serialiser is built when
    # a format first needs it (JSON, SARIF), not at every start-up.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


F = TypeVar("F", bound=Frozen)

# The slots every pydantic model instance has (what object.__setattr__ finds on the class).
_SLOTS = vars(BaseModel)
_set_dict = _SLOTS["__dict__"].__set__
_set_fields_set = _SLOTS["__pydantic_fields_set__"].__set__
_set_extra = _SLOTS["__pydantic_extra__"].__set__
_set_private = _SLOTS["__pydantic_private__"].__set__
_new = object.__new__


def maker(cls: type[F]) -> Callable[[dict[str, Any]], F]:
    """The one way to build a model without validation: a constructor for ``cls``.

    The engine makes about a hundred frozen objects per declaration, and validating them was a
    fifth of assessing one. ``maker(cls)(values)`` does what ``model_construct`` does without its
    per-field default and alias handling: ``values`` must hold every field of ``cls``, in
    declaration order, each of its field's type (the engine's own enums, texts from validated
    rules, ints for ints, floats for floats). The instance equals a validated one and serialises
    the same; the tests compare the two.

    The slots are set through their descriptors, and every instance of ``cls`` shares one "fields
    set" (every field name). Nothing mutates it: the models are frozen (pydantic refuses
    assignment before touching it), and ``model_copy(update=...)`` copies the set before adding to
    it. Frozen models have no private attributes and no ``model_post_init``.
    """
    every_field = set(cls.model_fields)

    def make(values: dict[str, Any]) -> F:
        obj: F = _new(cls)
        _set_dict(obj, values)
        _set_fields_set(obj, every_field)
        _set_extra(obj, None)
        _set_private(obj, None)
        return obj

    return make


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNANSWERED = "unanswered"
    UNVERIFIED = "unverified"
    NOT_APPLICABLE = "not_applicable"
    WAIVED = "waived"


# The statuses of an open finding: what a waiver can cover and what the CI gate counts.
OPEN = (Status.FAIL, Status.UNANSWERED, Status.UNVERIFIED)


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _RISK_RANK[self]


_RISK_RANK = {r: i for i, r in enumerate(RiskLevel)}  # list(RiskLevel).index() is slow per call


class Location(Frozen):
    """Where in the declaration a finding points: 1-based line and column, and the field path."""

    file: str
    line: Annotated[int, Field(ge=1)]
    col: Annotated[int, Field(ge=1)]
    field: str


class Waiver(Frozen):
    """The waiver that covers a finding (see the waivers file)."""

    id: str
    justification: str
    approver: str
    approved_on: str
    expires_on: str
    scope: str | None = None  # the scope key that matched: sha256, declaration or corporate_number


def _none(v: object) -> bool:
    return v is None


class EvidenceRef(Frozen):
    """Evidence the vendor cited for a fact a finding rests on, or for its whole section."""

    document: str
    section: str | None = None
    page: int | None = None
    url: str | None = None
    kind: str = Field(
        default="unspecified", description="an EvidenceKind; unspecified for format 1.0"
    )
    date: str | None = Field(default=None, exclude_if=_none, description="the document's date")
    file: str | None = Field(
        default=None, exclude_if=_none, description="a file beside the declaration"
    )
    sha256: str | None = Field(default=None, exclude_if=_none, description="the file's digest")
    section_wide: bool = Field(
        default=False,
        exclude_if=lambda v: not v,
        description="the section's evidence, shown because the facts have no accepted evidence "
        "of their own",
    )

    def label(self) -> str:
        """One line for reports: ``document §section p.N <url>`` (raw text: escape it per format)."""
        parts = [self.document]
        if self.section:
            parts.append(f"§{self.section}")
        if self.page is not None:
            parts.append(f"p.{self.page}")
        if self.url:
            parts.append(f"<{self.url}>")
        return " ".join(parts)


class InputDigest(Frozen):
    kind: Literal["declaration", "checklist", "waivers", "config", "evidence"]
    path: str
    sha256: str
    declared: bool | None = Field(
        default=None,
        exclude_if=_none,
        description="evidence files: the declaration stated this digest (false: computed only)",
    )


# --- Declaration format 2.0: what a verdict rests on (docs/declaration-format.md sections 3, 4) --

JsonValue = Any  # the JSON form of a declared value (a scalar, a list, an object)
ANY_REGION = "any"  # a list of countries written `any`: shown as "any region", not as 249 codes


class ConditionRef(Frozen):
    """A condition of acceptance: the value of ``path`` counts only if the ministry does what
    ``kind`` and ``detail`` say (vendor text in ``detail`` and ``value``: escape it per format)."""

    path: str = Field(description="the fact, dotted with list indices")
    value: JsonValue = Field(description="the value that counts (JSON; `any` for any region)")
    kind: str = Field(description="when the value holds (a ConditionKind of the format)")
    detail: str | None = None
    line: Annotated[int, Field(ge=1)]
    col: Annotated[int, Field(ge=1)]


class AcceptanceCondition(ConditionRef):
    """A condition of acceptance of the report, with the rules whose findings rest on it."""

    rules: list[str] = Field(
        default_factory=list, description="IDs of the rules whose findings read this fact"
    )


class FactNoteRef(Frozen):
    """Something a verdict rests on that is not a condition of acceptance: an alternative not
    relied on, the union taken, a law exception, an incomplete list, any region, a value the
    ministry does not commit to."""

    path: str
    kind: str = Field(description="a NoteKind of the format")
    value: JsonValue = None
    detail: str | None = None
    line: Annotated[int, Field(ge=1)]
    col: Annotated[int, Field(ge=1)]
    rules: list[str] = Field(default_factory=list)


NoticeKind = Literal["declaration_old", "evidence_old", "evidence_undated", "digest_not_declared"]


class Notice(Frozen):
    """Something a reviewer should know that does not change a verdict: an old declaration, old
    or undated evidence, an evidence file whose digest the declaration did not state."""

    kind: NoticeKind
    path: str = Field(description="the field (declared_on) or the fact/section of the evidence")
    document: str | None = Field(default=None, description="the evidence's document name")
    file: str | None = Field(default=None, description="the evidence file, if any")
    date: str | None = None
    age_days: int | None = None
    limit_days: int | None = None
    line: Annotated[int, Field(ge=1)] = 1
    col: Annotated[int, Field(ge=1)] = 1
