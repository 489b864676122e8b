"""Per-fact metadata of a declaration (format 2.0, docs/declaration-format.md): how each fact's
effective value was resolved from its conditions, the conditions of acceptance it rests on, notes,
and the evidence for that fact alone.

The rules read the *effective* declaration (plain values); this index travels beside it, keyed by
the fact's location in the file (``("retention", "prompt_days")``,
``("sub_processors", "entities", 0, "locations")``). A 1.0 file, or a 2.0 file of plain values,
has an empty index: every fact unconditional.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

PathKey = tuple[str | int, ...]


class ConditionKind(StrEnum):
    """When a stated value holds (docs/declaration-format.md section 1)."""

    DEFAULT = "default"
    ON_REQUEST = "on_request"
    ON_APPROVAL = "on_approval"
    BY_CONFIGURATION = "by_configuration"
    CUSTOMER_STEPS = "customer_steps"
    CUSTOMER_OBLIGATION = "customer_obligation"
    DEPENDS_ON_REGION = "depends_on_region"
    DEPENDS_ON_DEPLOYMENT = "depends_on_deployment"


class EvidenceKind(StrEnum):
    """The kind of source an evidence entry is (docs/declaration-format.md section 4)."""

    CONTRACT = "contract"
    TERMS_OF_SERVICE = "terms_of_service"
    AUDIT_REPORT = "audit_report"
    CERTIFICATION = "certification"
    VENDOR_DOCUMENTATION = "vendor_documentation"
    SELF_ASSESSMENT = "self_assessment"
    THIRD_PARTY = "third_party"
    UNSPECIFIED = "unspecified"


class Resolution(StrEnum):
    """How the effective value of a fact was obtained (docs/declaration-format.md section 2)."""

    UNCONDITIONAL = "unconditional"  # plain, or value with when: default
    COMMITTED = "committed"  # a non-default value the ministry commits to (a condition)
    CHOSEN = "chosen"  # the option marked chosen (a condition unless it is the default)
    DEFAULT_OPTION = "default_option"  # no choice: the default option counts
    UNION = "union"  # no choice, no default, more means worse: union of the options
    UNANSWERED = "unanswered"  # nothing committed: treated as not stated
    EXCEPTION = "exception"  # the largest bounded exception counts
    OPEN_ENDED = "open_ended"  # an open-ended exception not required by law


class NoteKind(StrEnum):
    ALTERNATIVE = "alternative"  # an option not relied on
    NOT_COMMITTED = "not_committed"  # a conditional value the ministry does not commit to
    UNION_TAKEN = "union_taken"  # choices without a decision: the union counts
    LAW_EXCEPTION = "law_exception"  # open-ended retention where the law requires it
    EXCEPTION = "exception"  # a bounded exception (e.g. flagged content kept longer)
    INCOMPLETE_LIST = "incomplete_list"  # complete: false
    ANY_REGION = "any_region"  # `any`: every country


@dataclass(frozen=True, slots=True)
class Condition:
    """A condition of acceptance: the value of ``path`` counts only if the ministry does what
    ``kind``/``detail`` say. ``value`` is the JSON form of the value that counts."""

    path: str  # dotted, with list indices: "sub_processors.entities[0].locations"
    kind: ConditionKind
    detail: str | None
    value: Any
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class FactNote:
    """Something the verdict rests on that is not a condition of acceptance."""

    path: str
    kind: NoteKind
    detail: str | None
    value: Any
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class EvidenceEntry:
    """One evidence entry, as declared (2.0 keys; 1.0 entries have kind UNSPECIFIED)."""

    document: str
    kind: EvidenceKind
    section: str | None = None
    page: int | None = None
    url: str | None = None
    date: str | None = None  # ISO date
    file: str | None = None  # relative to the declaration's folder
    sha256: str | None = None  # as declared, or as computed when none was declared
    digest_declared: bool = False
    line: int = 1
    col: int = 1


@dataclass(frozen=True, slots=True)
class FactInfo:
    """What the declaration says about one fact beyond its effective value."""

    path: str
    line: int
    col: int
    resolution: Resolution
    conditions: tuple[Condition, ...] = ()
    notes: tuple[FactNote, ...] = ()
    evidence: tuple[EvidenceEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    """A file named by an evidence entry, as read and hashed by ``check``."""

    path: str  # as written in the declaration (relative)
    sha256: str
    size: int
    declared: bool  # the declaration gave the digest (and it matched)


@dataclass(frozen=True, slots=True)
class FactIndex:
    """Every fact with metadata, by location in the file; empty for plain declarations."""

    version: str = "1.0"
    facts: Mapping[PathKey, FactInfo] = field(default_factory=dict)
    evidence_files: tuple[EvidenceFile, ...] = ()

    def get(self, key: PathKey) -> FactInfo | None:
        return self.facts.get(key)

    def conditions(self) -> list[Condition]:
        """Every condition of acceptance, in file order."""
        out = [c for info in self.facts.values() for c in info.conditions]
        return sorted(out, key=lambda c: (c.line, c.col, c.path))

    def notes(self) -> list[FactNote]:
        out = [n for info in self.facts.values() for n in info.notes]
        return sorted(out, key=lambda n: (n.line, n.col, n.path, n.kind))


EMPTY = FactIndex()
