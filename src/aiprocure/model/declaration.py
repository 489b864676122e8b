"""The vendor's self-declaration: facts, not verdicts.

Every field is optional: silence is allowed and becomes an *unanswered* finding, never a pass.
Unknown keys are errors (``extra="forbid"``). Enumerations are closed so that a rule can reason
about them; free text is kept for names and descriptions only.
"""

# No `from __future__ import annotations` here: pydantic would then compile and evaluate every
# field annotation from its text when the class is built (~7 ms of every start-up for the three
# model modules on the check path).

from typing import Literal

from pydantic import Field, field_validator, model_validator

from aiprocure.model import declaration_data as dd
from aiprocure.model.common import Country, PastDay, Strict, invalid
from aiprocure.model.declaration_chain import Deployment, Model, SubProcessor
from aiprocure.model.declaration_contract import Contract, Security
from aiprocure.model.declaration_enums import (
    DataClass,
    EvaluationKind,
    ExportContent,
    Hosting,
    IsmapStatus,
    KeyManagement,
    Ownership,
    RetrievalKnowledgeBase,
    StaffReview,
    TaskNature,
    TrainingPolicy,
    TransferBasis,
    UserRange,
    VendorKind,
)
from aiprocure.model.declaration_types import (
    Countries,
    Days,
    Flag,
    Hours,
    LongText,
    Months,
    Percent,
    Section,
    ShortText,
    corporate_number_is_valid,
)

SCHEMA_VERSION = "1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Contract",
    "Countries",
    "Country",
    "DataClass",
    "Declaration",
    "ExportContent",
    "Hosting",
    "IsmapStatus",
    "KeyManagement",
    "Ownership",
    "Section",
    "Security",
    "StaffReview",
    "TaskNature",
    "TrainingPolicy",
    "TransferBasis",
    "UserRange",
    "VendorKind",
    "corporate_number_is_valid",
]


class Company(Strict):
    name: ShortText
    country: Country | None = None


class Vendor(Section):
    name: ShortText | None = None
    kind: VendorKind | None = Field(
        default=None,
        description="company, or government_agency (a government body offering its own "
        "environment; it has no parent company)",
    )
    corporate_number: str | None = Field(
        default=None,
        description="13-digit Japanese corporate number (法人番号), check digit verified",
    )
    country: Country | None = None
    has_parent_company: Flag | None = Field(
        default=None, description="false if no other company controls the vendor"
    )
    parent_company: Company | None = Field(
        default=None,
        description="the ultimate parent company, whose country's laws may reach the vendor",
    )
    parent_country: Country | None = Field(
        default=None, description="the ultimate parent's country (same as parent_company.country)"
    )

    @field_validator("corporate_number")
    @classmethod
    def _check_corporate_number(cls, value: str | None) -> str | None:
        if value is not None and not corporate_number_is_valid(value):
            raise invalid(
                "corporate_number must be 13 digits with a valid check digit (法人番号の検査用数字)",
                "法人番号は検査用数字の正しい 13 桁の数字で記入してください",
            )
        return value

    @model_validator(mode="after")
    def _no_parent_means_no_parent(self) -> "Vendor":
        """``has_parent_company: false`` beside a parent is a contradiction: rejected, never read
        in the vendor's favour (deleting one of the two must not clear a finding). A government
        body has no parent company: ``kind: government_agency`` answers ``has_parent_company:
        false`` (deleting ``kind`` leaves the parent unanswered, never better)."""
        if self.kind is VendorKind.GOVERNMENT_AGENCY:
            if self.has_parent_company is True or self.parent_company or self.parent_country:
                raise invalid(
                    "a government_agency has no parent company: leave out has_parent_company, "
                    "parent_company and parent_country",
                    "government_agency（行政機関）に親会社はありません。has_parent_company・"
                    "parent_company・parent_country は記入しないでください",
                )
            if self.has_parent_company is None:
                object.__setattr__(self, "has_parent_company", False)
        if self.has_parent_company is False and (self.parent_company or self.parent_country):
            raise invalid(
                "has_parent_company is false, but a parent company or parent_country is given",
                "has_parent_company が false ですが、親会社（parent_company・parent_country）が"
                "記入されています",
            )
        return self


class System(Section):
    name: ShortText | None = None
    description: LongText | None = None
    models: list[Model] | None = None


class UseCase(Section):
    users: UserRange | None = None
    task: LongText | None = None
    task_nature: TaskNature | None = None
    data_for_training: list[DataClass] | None = Field(
        default=None, description="classes of government data used to train or fine-tune models"
    )
    data_for_retrieval: list[DataClass] | None = Field(
        default=None, description="classes of government data used for retrieval (RAG) or prompts"
    )
    data: dd.DataUse | None = Field(default=None, description="classes of data per use")
    retrieval_knowledge_base: RetrievalKnowledgeBase | None = None
    staff_review: StaffReview | None = None

    _read_legacy_data = model_validator(mode="after")(dd.read_legacy_data)


class DataLocations(Section):
    storage: Countries | None = None
    processing: Countries | None = None
    backup: Countries | None = None
    logs: Countries | None = None
    system_data: Countries | None = Field(
        default=None,
        description="countries where system data (telemetry, abuse and security signals, "
        "service metadata) may go, even when customer content stays in the chosen region",
    )
    system_data_contains_content: Flag | None = Field(
        default=None,
        description="true if system data can carry customer content (excerpts of prompts or "
        "outputs, e.g. in abuse signals)",
    )
    personal_data_transfer_basis: TransferBasis | None = Field(
        default=None,
        description="when personal data leaves Japan: the APPI Art. 28 basis relied on "
        "(consent of the individual, a country the PPC recognises as equivalent, a recipient "
        "with a system meeting the PPC's standards), or none",
    )


class SubProcessors(Section):
    entities: list[SubProcessor] | None = None
    change_notice_days: Days | None = None
    customer_can_object: Flag | None = None


class ForeignLaw(Section):
    subject_to: list[ShortText] | None = Field(
        default=None, description="foreign laws that can compel disclosure, e.g. 'US CLOUD Act'"
    )
    notify_customer_of_requests: Flag | None = None
    challenge_requests: Flag | None = None
    transparency_report: Flag | None = None


class TrainingUse(Section):
    customer_data: TrainingPolicy | None = None
    service_improvement: Flag | None = None
    human_review_of_customer_data: Flag | None = None


class Retention(Section):
    prompt_days: Days | None = None
    log_days: Days | None = None
    deletion_on_termination: Flag | None = None
    deletion_days_after_termination: Days | None = None
    deletion_certificate: Flag | None = None


class Exit(Section):
    export_formats: list[ShortText] | None = None
    export_contents: list[ExportContent] | None = None
    exports: list[dd.ExportEntry] | None = Field(default=None, description="formats per content")
    standard_apis: Flag | None = None
    transition_support_months: Months | None = None
    export_fee: Flag | None = None

    _read_legacy_exports = model_validator(mode="after")(dd.read_legacy_exports)


class IntellectualProperty(Section):
    output_ownership: Ownership | None = None
    ip_indemnity: Flag | None = None
    training_data_provenance_disclosed: Flag | None = None
    copyright_filter: Flag | None = None


class Officer(Strict):
    name: ShortText
    title: ShortText | None = None
    contact: ShortText | None = None


class Accountability(Section):
    responsible_officer: Officer | None = None
    logs_prompts_and_outputs: Flag | None = None
    audit_rights: Flag | None = None
    incident_notification_hours: Hours | None = None
    model_change_notice_days: Days | None = None
    documentation: Flag | None = Field(
        default=None, description="model/system card describing capabilities and limits"
    )


class Evaluation(Strict):
    name: ShortText
    kind: EvaluationKind | None = None
    language: Literal["ja", "en", "multi"]
    model_version: ShortText | None = Field(default=None, description="the version evaluated")
    performed_on: PastDay | None = None
    result: ShortText | None = None


class Quality(Section):
    evaluations: list[Evaluation] | None = None
    red_teaming: Flag | None = None
    red_team_third_party: Flag | None = None
    hallucination_controls: list[ShortText] | None = None
    harmful_output_filter: Flag | None = None
    bias_evaluation: Flag | None = None
    sla_availability_percent: Percent | None = None


class Declaration(Strict):
    """A vendor's self-declaration for one generative-AI system."""

    schema_version: Literal["1.0", "2.0"]
    declared_on: PastDay | None = None
    deployment: Deployment | None = None
    vendor: Vendor | None = None
    system: System | None = None
    use_case: UseCase | None = None
    data_locations: DataLocations | None = None
    sub_processors: SubProcessors | None = None
    foreign_law: ForeignLaw | None = None
    training_use: TrainingUse | None = None
    retention: Retention | None = None
    exit: Exit | None = None
    ip: IntellectualProperty | None = None
    accountability: Accountability | None = None
    quality: Quality | None = None
    security: Security | None = None
    contract: Contract | None = None
