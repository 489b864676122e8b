"""Several checklist files merged into the rule set the engine evaluates."""

from __future__ import annotations

from dataclasses import dataclass, field

from aiprocure.model.checklist import (
    Category,
    Checklist,
    HighRiskSheet,
    Jurisdiction,
    Parameter,
    Rule,
    Scalar,
)
from aiprocure.model.retired import RetiredRule

COMPELLED_ACCESS_LIST = "compelled_access_countries"
GRADE_ORDER = {"C": 0, "B": 1, "A": 2}


def law_key(name: str) -> str:
    """A law's name as compared with the alias table: case, spaces and punctuation ignored."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


@dataclass(frozen=True)
class Source:
    """Where a checklist came from: path as given and sha256 of its bytes."""

    path: str
    sha256: str


@dataclass(eq=False)
class Ruleset:
    """The merged rule set. Equal only to itself (and hashable): the engine compiles it once
    (``engine.compile_ruleset``) and the api keeps the compiled form per rule set object. Do not
    change a rule set once it is compiled; a changed one is a new ``Ruleset``
    (``dataclasses.replace``, as ``caio.config`` does)."""

    checklists: list[tuple[Checklist, Source]]
    rules: list[Rule] = field(default_factory=list)
    categories: dict[str, Category] = field(default_factory=dict)
    lists: dict[str, frozenset[Scalar]] = field(default_factory=dict)
    parameters: dict[str, Parameter] = field(default_factory=dict)
    parameter_values: dict[str, float] = field(default_factory=dict)
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    high_risk: HighRiskSheet | None = None
    rule_source: dict[str, Source] = field(default_factory=dict)
    # gate.incomplete_determination (config) / --incomplete-determination (check): whether an
    # incomplete high-risk determination blocks the gate (block, the default) or only warns.
    incomplete_blocks: bool = True
    # age_limits (config): notices for an old declaration (declared_on) and old evidence
    declaration_max_age_days: int = 365
    evidence_max_age_days: int = 1095
    # rules a configuration disabled: (rule id, reason, `path:line` of the entry)
    disabled: tuple[tuple[str, str, str], ...] = ()
    grades: dict[str, str] = field(default_factory=dict)  # country -> A | B | C
    law_countries: dict[str, str] = field(default_factory=dict)  # law_key(alias) -> country
    retired: dict[str, RetiredRule] = field(default_factory=dict)  # checklists/retired.yaml

    @classmethod
    def build(cls, checklists: list[tuple[Checklist, Source]]) -> Ruleset:
        """Merge packs in order. Cross-checks live in sources.crossref; this only combines."""
        rs = cls(checklists=checklists)
        for cl, src in checklists:
            for cat in cl.categories:
                rs.categories.setdefault(cat.id, cat)
            for name, values in cl.lists.items():
                rs.lists[name] = frozenset(values)
            for name, param in cl.parameters.items():
                rs.parameters[name] = param
                rs.parameter_values[name] = float(param.default)
            for j in cl.jurisdictions:
                rs.jurisdictions[j.country] = j
            for rule in cl.rules:
                rs.rules.append(rule)
                rs.rule_source.setdefault(rule.id, src)
            if cl.high_risk is not None and rs.high_risk is None:
                rs.high_risk = cl.high_risk
        if rs.jurisdictions:
            rs.lists.setdefault(
                COMPELLED_ACCESS_LIST,
                frozenset(c for c, j in rs.jurisdictions.items() if j.compels),
            )
        for country, j in rs.jurisdictions.items():
            rs.grades[country] = j.effective_grade
            for law in j.laws:
                for name in (*law.aliases, law.name.ja, law.name.en):
                    rs.law_countries.setdefault(law_key(name), country)
        return rs

    def grade(self, country: str | None) -> str | None:
        """A country's regime grade; a country the rule set does not list is C; None: unknown."""
        if country is None:
            return None
        return self.grades.get(country, "C")

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)
