"""The chain of entities that may hold government data: models (their maker, weights and
platform), sub-processors with roles and holdings, and where the system is deployed
(docs/verdicts.md 7, 8.4). Every key is optional; a 1.0 declaration stays valid."""

# No `from __future__ import annotations` here (see model.declaration).

from pydantic import Field, model_validator

from aiprocure.model.common import Country, Strict, invalid
from aiprocure.model.declaration_enums import (
    AccountHolder,
    CloudTerms,
    Environment,
    Holding,
    Hosting,
    IsmapStatus,
    Role,
    Weights,
)
from aiprocure.model.declaration_types import Countries, Evidence, Flag, Section, ShortText


class Platform(Strict):
    """The cloud / AI platform that operates a model's endpoint (a holder of prompts)."""

    name: ShortText
    country: Country | None = None
    parent_country: Country | None = None
    corporate_number: str | None = None


class Model(Strict):
    provider: ShortText
    name: ShortText
    version: ShortText | None = None
    provider_country: Country | None = None
    provider_parent_country: Country | None = None
    hosting: Hosting | None = None
    weights: Weights | None = None
    origin_country: Country | None = Field(
        default=None, description="for open weights: the developer's country"
    )
    weights_digest: ShortText | None = Field(
        default=None, description="digest of the open weights run, e.g. sha256:..."
    )
    weights_publisher: ShortText | None = Field(
        default=None,
        description="for open weights: who published the weights run (the developer, or who "
        "re-published, quantised or fine-tuned them)",
    )
    weights_source: ShortText | None = Field(
        default=None, description="for open weights: where they were obtained (URL or registry)"
    )
    weights_license: ShortText | None = Field(
        default=None, description="for open weights: the licence they are used under"
    )
    weights_digest_verified: Flag | None = Field(
        default=None,
        description="for open weights: the digest of the weights run was compared with the "
        "publisher's published digest and matched",
    )
    origin_evaluated: Flag | None = Field(
        default=None,
        description="outputs evaluated on topics the origin country's content controls may shape",
    )
    platform: Platform | None = None
    maker_holds_data: Flag | None = Field(
        default=None, description="claim: the maker can reach prompts and outputs on the platform"
    )
    ismap: IsmapStatus | None = None
    ismap_registration_id: ShortText | None = None
    evidence: list[Evidence] | None = None


class EntityForeignLaw(Strict):
    subject_to: list[ShortText] | None = None


class SubProcessor(Strict):
    """An entity of the chain. Its *nationality* (``country``, ``parent_country``, its own
    ``foreign_law``) says which laws reach it wherever it operates; ``locations`` says where it
    holds the data (a data location, and a territorial reach of the law there)."""

    name: ShortText
    corporate_number: str | None = None
    country: Country = Field(
        description="nationality: the country of incorporation, whose laws reach the entity "
        "wherever it operates (not where it holds the data: see locations)"
    )
    # A 1.0 declaration may describe the role in words; only the vocabulary (Role) is reasoned on.
    role: Role | ShortText | None = None
    has_parent_company: Flag | None = None
    parent_country: Country | None = None
    locations: Countries | None = Field(
        default=None,
        description="where it operates: the countries where the entity holds government data "
        "(left out for a holder: unanswered)",
    )
    holds: list[Holding] | None = Field(
        default=None, description="store, process, backup, log, decrypt; [] = holds nothing"
    )
    accesses_customer_data: Flag | None = Field(
        default=None, description="1.0 form of holds: false = holds: [], true = holds something"
    )
    foreign_law: EntityForeignLaw | None = None
    evidence: list[Evidence] | None = None

    @model_validator(mode="after")
    def _no_parent_means_no_parent(self) -> "SubProcessor":
        """``has_parent_company: false`` beside a ``parent_country`` is a contradiction: rejected,
        never read in the vendor's favour."""
        if self.has_parent_company is False and self.parent_country is not None:
            raise invalid(
                "has_parent_company is false, but parent_country is given",
                "has_parent_company が false ですが、parent_country が記入されています",
            )
        return self


class Deployment(Section):
    """Where the system runs and under whose terms (docs/verdicts.md 7.6)."""

    environment: Environment | None = None
    account_holder: AccountHolder | None = None
    terms: CloudTerms | None = None
    services_within_terms: Flag | None = Field(
        default=None, description="the AI services used are inside the Government Cloud contract"
    )
