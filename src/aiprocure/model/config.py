"""A ministry's configuration (``aiprocure.yaml``): extra packs, severity and parameter overrides,
disabled rules and defaults for the command line. There is no ``extends``: one file says it all."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from aiprocure.model.checklist import Name, RuleId, Severity, Threshold
from aiprocure.model.common import Lang, Strict

Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
PathText = Annotated[str, StringConstraints(min_length=1, max_length=4096)]
# Parameters are thresholds, in the same range as a pack's own (``Threshold``, docs/limits.md).
ParameterValue = Threshold
FailOnName = Literal["info", "low", "medium", "high", "critical", "never"]


class Defaults(Strict):
    lang: Lang | None = None
    fail_on: FailOnName | None = None
    waivers: list[PathText] = Field(
        default_factory=list, description="waiver files, relative to the config file"
    )
    exclude: list[PathText] = Field(
        default_factory=list, description="globs of files a directory scan leaves out (--exclude)"
    )
    skip_rules: list[PathText] = Field(
        default_factory=list, description="rule IDs or globs not evaluated (--skip-rule)"
    )
    only_rules: list[PathText] = Field(
        default_factory=list, description="if set, only these rule IDs or globs (--only-rule)"
    )


class GateSettings(Strict):
    incomplete_determination: Literal["block", "warn"] | None = Field(
        default=None,
        description="block (default): an incomplete high-risk determination fails the gate like "
        "a raised one; warn: it is shown but does not set exit 1",
    )


AgeDays = Annotated[int, Field(ge=1, le=36500)]


class AgeLimits(Strict):
    """When a declaration or its evidence is old enough to be reported (a notice, never a
    verdict; docs/verdicts.md section 14)."""

    declaration_max_age_days: AgeDays | None = Field(
        default=None,
        description="a declaration whose declared_on is older than this many days, counted from "
        "the assessment date, is reported (default 365)",
    )
    evidence_max_age_days: AgeDays | None = Field(
        default=None,
        description="evidence dated older than this many days is reported (default 1095)",
    )


class MinistryConfig(Strict):
    checklists: list[PathText] = Field(
        default_factory=list, description="extra rule packs, relative to the config file"
    )
    severity: dict[RuleId, Severity] = Field(default_factory=dict)
    parameters: dict[Name, ParameterValue] = Field(default_factory=dict)
    disabled: dict[RuleId, Reason] = Field(
        default_factory=dict, description="rules removed from evaluation, with the reason"
    )
    defaults: Defaults = Field(default_factory=Defaults)
    gate: GateSettings = Field(default_factory=GateSettings)
    age_limits: AgeLimits = Field(default_factory=AgeLimits)
