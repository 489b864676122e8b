"""The condition language: a tagged union keyed by the single operator name (no ``eval``)."""

# No `from __future__ import annotations` here: pydantic would then compile and evaluate every
# field annotation from its text when the class is built. Forward references are quoted instead.

from typing import Annotated, Any, Self

from pydantic import (
    Discriminator,
    Field,
    StrictFloat,
    StrictInt,
    Tag,
    field_validator,
    model_validator,
)

from aiprocure.model.common import Strict, check_countries, invalid
from aiprocure.model.predicates import COUNTRY_ARGUMENTS

Scalar = str | int | float | bool
FieldPath = Annotated[
    str,
    Field(
        pattern=r"^[a-z_]+(\[\])?(\.[a-z_]+(\[\])?)*$",
        description="dotted path into the declaration; `[]` maps over a list, e.g. `models[].provider`",
    ),
]
Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
# Numbers in packs and configurations (parameters, bounds) are thresholds in days, hours, months,
# counts or percent: none is negative or beyond a million (docs/limits.md), and a huge number must
# not reach the engine's arithmetic.
Threshold = Annotated[StrictInt | StrictFloat, Field(ge=0, le=1_000_000)]


class _ValueSet(Strict):
    """A set of values given inline (`values`) or by name (`list`, defined under `lists:`)."""

    field: FieldPath
    values: list[Scalar] | None = None
    named: Name | None = Field(default=None, alias="list")

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        if (self.values is None) == (self.named is None):
            raise invalid(
                "give exactly one of `values` or `list`",
                "`values` と `list` のどちらか一方だけを指定してください",
            )
        return self


class _Bound(Strict):
    """A numeric bound given inline (`value`) or by name (`param`, defined under `parameters:`)."""

    field: FieldPath
    value: Threshold | None = None
    param: Name | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        if (self.value is None) == (self.param is None):
            raise invalid(
                "give exactly one of `value` or `param`",
                "`value` と `param` のどちらか一方だけを指定してください",
            )
        return self


class _EqualsArgs(Strict):
    field: FieldPath
    value: Scalar


class _FieldArg(Strict):
    field: FieldPath


class _MatchesArgs(Strict):
    field: FieldPath
    pattern: Annotated[str, Field(min_length=1, max_length=500)]


class _PredicateArgs(Strict):
    name: Name
    args: dict[str, Scalar] = Field(default_factory=dict)

    @field_validator("args")
    @classmethod
    def _countries(cls, args: dict[str, Scalar]) -> dict[str, Scalar]:
        """An argument that names a country (``home_country``) is an ISO 3166-1 alpha-2 code."""
        check_countries(((k,), v) for k, v in args.items() if k in COUNTRY_ARGUMENTS)
        return args


class Equals(Strict):
    """The field equals the value."""

    equals: _EqualsArgs


class OneOf(Strict):
    """The (scalar) field's value is one of the set."""

    one_of: _ValueSet


class AllIn(Strict):
    """Every element of the (list) field is in the set; a scalar is treated as a one-element list."""

    all_in: _ValueSet


class NoneIn(Strict):
    """No element of the field is in the set."""

    none_in: _ValueSet


class ContainsAll(Strict):
    """The (list) field contains every value of the set."""

    contains_all: _ValueSet


class AtLeast(Strict):
    """The numeric field is >= the bound."""

    at_least: _Bound


class AtMost(Strict):
    """The numeric field is <= the bound."""

    at_most: _Bound


class Present(Strict):
    """The field is answered (an empty list counts as an answer). A missing field makes the result
    unknown, so a rule that only requires an answer reports *unanswered*, never *fail*."""

    present: _FieldArg


class NonEmpty(Strict):
    """The (list) field is answered and has at least one element."""

    non_empty: _FieldArg


class Matches(Strict):
    """The (text) field matches the regular expression (Python `re.search`)."""

    matches: _MatchesArgs


class Predicate(Strict):
    """A named, typed Python predicate for logic the condition language cannot express."""

    predicate: _PredicateArgs


class All(Strict):
    all: Annotated[list["Condition"], Field(min_length=1)]


class Any_(Strict):
    any: Annotated[list["Condition"], Field(min_length=1)]


class Not(Strict):
    not_: "Condition" = Field(alias="not")


OPERATORS: tuple[str, ...] = (
    "equals",
    "one_of",
    "all_in",
    "none_in",
    "contains_all",
    "at_least",
    "at_most",
    "present",
    "non_empty",
    "matches",
    "predicate",
    "all",
    "any",
    "not",
)


def _operator(value: Any) -> str | None:
    if isinstance(value, dict):
        keys = [k for k in value if k in OPERATORS]
        return keys[0] if len(keys) == 1 and len(value) == 1 else None
    for op in OPERATORS:
        attr = "not_" if op == "not" else op
        if hasattr(value, attr) and isinstance(value, Strict):
            return op
    return None


Condition = Annotated[
    Annotated[Equals, Tag("equals")]
    | Annotated[OneOf, Tag("one_of")]
    | Annotated[AllIn, Tag("all_in")]
    | Annotated[NoneIn, Tag("none_in")]
    | Annotated[ContainsAll, Tag("contains_all")]
    | Annotated[AtLeast, Tag("at_least")]
    | Annotated[AtMost, Tag("at_most")]
    | Annotated[Present, Tag("present")]
    | Annotated[NonEmpty, Tag("non_empty")]
    | Annotated[Matches, Tag("matches")]
    | Annotated[Predicate, Tag("predicate")]
    | Annotated[All, Tag("all")]
    | Annotated[Any_, Tag("any")]
    | Annotated[Not, Tag("not")],
    Discriminator(
        _operator,
        custom_error_type="condition",
        custom_error_message=(
            "a condition is a mapping with exactly one operator: " + ", ".join(OPERATORS)
        ),
    ),
]

# All, Any_ and Not name ``Condition`` before it exists: their build (deferred, ``Strict``)
# resolves it from this module when a checklist is first validated.


ValueSet = _ValueSet
Bound = _Bound
FieldCondition = (
    Equals | OneOf | AllIn | NoneIn | ContainsAll | AtLeast | AtMost | Present | NonEmpty | Matches
)
