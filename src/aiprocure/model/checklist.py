"""The checklist format: DS-920 check-sheet items as data.

A checklist file holds categories, named lists, parameters, rules and (optionally) the high-risk
determination sheet. Conditions are a small typed language (a tagged union keyed by the single
operator name); there is no ``eval``. Whatever a checklist *names* (fields, categories, lists,
parameters, predicates, rule IDs) is cross-checked at load time by ``sources.crossref``.
"""

# No `from __future__ import annotations` here: pydantic would then compile and evaluate every
# field annotation from its text when the class is built (~7 ms of every start-up for the three
# model modules on the check path). Forward references are quoted instead.

from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import Discriminator, Field, Tag, model_validator

from aiprocure.model.common import Strict, Text, invalid

Scalar = str | int | float | bool
FieldPath = Annotated[
    str,
    Field(
        pattern=r"^[a-z_]+(\[\])?(\.[a-z_]+(\[\])?)*$",
        description="dotted path into the declaration; `[]` maps over a list, e.g. `models[].provider`",
    ),
]
Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
RuleId = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")]


class Severity(StrEnum):
    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {s: i for i, s in enumerate(Severity)}


class Provenance(StrEnum):
    """What a rule rests on: the guideline's own text, another official source, or our judgement."""

    GUIDELINE = "guideline"
    OFFICIAL = "official"
    TOOL = "tool"


# --- conditions -----------------------------------------------------------------------------


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
    value: int | float | None = None
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

All.model_rebuild()
Any_.model_rebuild()
Not.model_rebuild()


# --- rules and the rest of a checklist -------------------------------------------------------


class Reference(Strict):
    """A source a rule rests on or relates to."""

    source: Annotated[str, Field(min_length=1, description="e.g. DS-920, ISMAP, METI-AI-Contract")]
    edition: str | None = None
    section: str | None = None
    title: str | None = None
    url: str | None = None


class Rule(Strict):
    id: RuleId
    category: Name
    severity: Severity
    sheet: Literal["procurement", "contract", "high_risk", "custom"] = "custom"
    title: Text
    rationale: Text
    remediation: Text
    message: Text | None = Field(default=None, description="shown when the check fails")
    provenance: Provenance
    provenance_note: Text | None = None
    references: Annotated[list[Reference], Field(min_length=1)]
    applies_if: Condition | None = None
    check: Condition
    evidence_required: bool = False
    evidence_section: Name | None = Field(
        default=None,
        description="declaration section whose `evidence:` supports the claim "
        "(default: the section of the check's first field)",
    )
    review_flag: bool = Field(
        default=False, description="a failure sends the case to CAIO / advisory-board review"
    )


class Category(Strict):
    id: Name
    title: Text
    description: Text | None = None


class Parameter(Strict):
    """A threshold the guideline leaves open; a ministry may override it."""

    default: int | float
    unit: str | None = None
    description: Text
    provenance: Provenance = Provenance.TOOL


class Law(Strict):
    name: Text
    year: int | None = None
    note: Text | None = None


class Jurisdiction(Strict):
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    name: Text
    compelled_access: bool
    laws: list[Law] = Field(default_factory=list)


class Level(Strict):
    id: Name
    label: Text
    high: bool
    when: Condition


class Viewpoint(Strict):
    id: RuleId
    title: Text
    description: Text | None = None
    references: Annotated[list[Reference], Field(min_length=1)]
    levels: Annotated[list[Level], Field(min_length=2)]


class Aggregation(Strict):
    mode: Literal["any", "at_least"] = "any"
    count: Annotated[int, Field(ge=1)] = 1
    provenance: Provenance = Provenance.TOOL
    note: Text | None = None


class HighRiskSheet(Strict):
    title: Text
    aggregation: Aggregation = Field(default_factory=Aggregation)
    viewpoints: Annotated[list[Viewpoint], Field(min_length=1)]


class Meta(Strict):
    id: Name
    version: Annotated[str, Field(min_length=1)]
    title: Text
    guideline: str | None = Field(default=None, description="edition this pack encodes")


class Checklist(Strict):
    """One checklist file (a rule pack)."""

    checklist: Meta
    categories: list[Category] = Field(default_factory=list)
    lists: dict[Name, list[Scalar]] = Field(default_factory=dict)
    parameters: dict[Name, Parameter] = Field(default_factory=dict)
    jurisdictions: list[Jurisdiction] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
    high_risk: HighRiskSheet | None = None
