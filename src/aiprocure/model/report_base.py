"""The report's building blocks: frozen models, ``maker`` (building one without validation),
statuses, risk levels and locations. Pure data; ``model.findings`` re-exports every name."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

JsonScalar = str | int | float | bool | None
Observed = JsonScalar | list[JsonScalar]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


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
