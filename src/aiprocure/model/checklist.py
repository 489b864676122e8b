"""The checklist format: DS-920 check-sheet items as data.

A checklist file holds categories, named lists, parameters, rules and (optionally) the high-risk
determination sheet. Conditions are their own small language, in ``model.conditions`` (re-exported
here for the modules that still import them from this one). Whatever a checklist *names* (fields,
categories, lists, parameters, predicates, rule IDs) is cross-checked at load time by
``sources.crossref``.
"""

# No `from __future__ import annotations` here: pydantic would then compile and evaluate every
# field annotation from its text when the class is built (~7 ms of every start-up for the three
# model modules on the check path). Forward references are quoted instead.

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from aiprocure.model.common import Strict, Text, check_countries
from aiprocure.model.conditions import (
    OPERATORS,
    All,
    AllIn,
    Any_,
    AtLeast,
    AtMost,
    Condition,
    ContainsAll,
    Equals,
    FieldPath,
    Matches,
    Name,
    NoneIn,
    NonEmpty,
    Not,
    OneOf,
    Predicate,
    Present,
    Scalar,
    Threshold,
    _Bound,
    _ValueSet,
)
from aiprocure.model.facts import EvidenceKind
from aiprocure.model.jurisdiction import Jurisdiction, Law

# What a rule that requires evidence accepts unless it says (docs/declaration-format.md section 4):
# everything but the vendor's own questionnaire answers and third-party articles.
DEFAULT_EVIDENCE_KINDS: tuple[EvidenceKind, ...] = (
    EvidenceKind.CONTRACT,
    EvidenceKind.TERMS_OF_SERVICE,
    EvidenceKind.AUDIT_REPORT,
    EvidenceKind.CERTIFICATION,
    EvidenceKind.VENDOR_DOCUMENTATION,
    EvidenceKind.UNSPECIFIED,
)

# The condition language moved to model.conditions; these names stay importable from here.
__all__ = [
    "OPERATORS",
    "Aggregation",
    "All",
    "AllIn",
    "Any_",
    "AtLeast",
    "AtMost",
    "Category",
    "Checklist",
    "Condition",
    "ContainsAll",
    "Equals",
    "FieldPath",
    "HighRiskSheet",
    "Jurisdiction",
    "Law",
    "Level",
    "Matches",
    "Meta",
    "Name",
    "NonEmpty",
    "NoneIn",
    "Not",
    "OneOf",
    "Parameter",
    "Predicate",
    "Present",
    "Provenance",
    "Reference",
    "Rule",
    "RuleId",
    "Scalar",
    "Severity",
    "SeverityRow",
    "Threshold",
    "Viewpoint",
    "_Bound",
    "_ValueSet",
]
# A named list whose name ends so is a list of countries (validated as ``Country``).
COUNTRY_LIST_SUFFIX = "_countries"
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


# --- rules and the rest of a checklist -------------------------------------------------------


class Reference(Strict):
    """A source a rule rests on or relates to."""

    source: Annotated[str, Field(min_length=1, description="e.g. DS-920, ISMAP, METI-AI-Contract")]
    edition: str | None = None
    section: str | None = None
    title: str | None = None
    url: str | None = None


class SeverityRow(Strict):
    """One row of a rule's ``severity_by``: the severity the rule takes when ``when`` holds (or
    cannot be settled: silence never lowers a severity), and why, in both languages."""

    when: Condition
    severity: Severity
    reason: Text


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
    evidence_kinds: list[EvidenceKind] = Field(
        default_factory=lambda: list(DEFAULT_EVIDENCE_KINDS),
        min_length=1,
        description="the kinds of evidence that back the claim (docs/declaration-format.md "
        "section 4); evidence only of other kinds leaves the finding unverified",
    )
    evidence_section: Name | None = Field(
        default=None,
        description="declaration section whose `evidence:` supports the claim "
        "(default: the section of the check's first field)",
    )
    review_flag: bool = Field(
        default=False, description="a failure sends the case to CAIO / advisory-board review"
    )
    severity_by: list[SeverityRow] = Field(
        default_factory=list,
        description="rows that raise the severity with the facts (data class, audience): the "
        "effective severity is the highest of `severity` and every row whose condition is true "
        "or unknown",
    )
    checked_against: str | None = Field(
        default=None,
        description="the guideline edition the rule was last checked against, e.g. "
        "'DS-920 2025-05-27' (default: the checklist's `guideline`)",
    )


class Category(Strict):
    id: Name
    title: Text
    description: Text | None = None


class Parameter(Strict):
    """A threshold the guideline leaves open; a ministry may override it."""

    default: Threshold
    unit: str | None = None
    description: Text
    provenance: Provenance = Provenance.TOOL


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
    lists: dict[Name, list[Scalar]] = Field(
        default_factory=dict,
        description=f"named value sets; one whose name ends in {COUNTRY_LIST_SUFFIX!r} holds "
        "ISO 3166-1 alpha-2 country codes",
    )
    parameters: dict[Name, Parameter] = Field(default_factory=dict)
    jurisdictions: list[Jurisdiction] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
    high_risk: HighRiskSheet | None = None

    @field_validator("lists")
    @classmethod
    def _country_lists(cls, lists: dict[str, list[Scalar]]) -> dict[str, list[Scalar]]:
        """A list of countries (``domestic_countries``, ``compelled_access_countries``) holds
        country codes only: a typo such as ``UK`` would otherwise make a country "foreign"."""
        check_countries(
            ((name, i), v)
            for name, values in lists.items()
            if name.endswith(COUNTRY_LIST_SUFFIX)
            for i, v in enumerate(values)
        )
        return lists

    @model_validator(mode="after")
    def _edition_of_rules(self) -> "Checklist":
        """A rule that names no edition was checked against the pack's ``guideline``."""
        edition = self.checklist.guideline
        if edition is not None:
            for rule in self.rules:
                if rule.checked_against is None:
                    object.__setattr__(rule, "checked_against", edition)
        return self
