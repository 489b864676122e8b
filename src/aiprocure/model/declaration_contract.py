"""The contract and security sections of the declaration: governing law and the dispute forum
(court or arbitration), how the contracting company is determined, ISMAP status and its scope,
encryption and keys (docs/verdicts.md 7.4, 7.10, 10)."""

# No `from __future__ import annotations` here (see model.declaration).

from typing import Literal

from pydantic import Field, model_validator

from aiprocure.model.common import Country, PastDay, invalid
from aiprocure.model.declaration_enums import (
    ContractingBasis,
    DisputeResolution,
    IsmapStatus,
    KeyCustody,
    KeyManagement,
)
from aiprocure.model.declaration_types import Flag, Section, ShortText


class Security(Section):
    ismap: IsmapStatus | None = None
    ismap_registration_id: ShortText | None = None
    ismap_service_in_scope: Flag | None = Field(
        default=None,
        description="the service offered is inside the registration's scope (false: only the "
        "platform it runs on is registered)",
    )
    ismap_status_date: PastDay | None = Field(
        default=None,
        description="the date the ISMAP status was read (the list extract), or applied for",
    )
    ismap_liu_assessment: Literal["low", "not_low"] | None = None  # ministry's impact assessment
    certifications: list[ShortText] | None = None
    encryption_at_rest: Flag | None = None
    encryption_in_transit: Flag | None = None
    key_management: KeyManagement | None = None
    key_custody: KeyCustody | None = Field(
        default=None,
        description="who can decrypt: provider, customer key in the provider's KMS, or an HSM "
        "outside the provider's control (external_hsm)",
    )


class Contract(Section):
    governing_law: Country | None = None
    dispute_resolution: DisputeResolution | None = Field(
        default=None,
        description="court or arbitration; with a court given and this left out, court",
    )
    court_country: Country | None = None
    court: ShortText | None = None
    arbitration_seat: Country | None = Field(
        default=None, description="the country of the arbitration's seat (its legal place)"
    )
    arbitration_rules: ShortText | None = Field(
        default=None, description="the institution's rules, e.g. JCAA, ICC, SIAC, UNCITRAL"
    )
    contracting_entity_basis: ContractingBasis | None = Field(
        default=None,
        description="how the vendor's terms pick the contracting company: fixed, or "
        "customer_billing_country (then `vendor` is the company for a customer billed in Japan)",
    )

    @model_validator(mode="after")
    def _one_forum(self) -> "Contract":
        """A court named for disputes is a court forum (the 1.0 reading). A court and an
        arbitration, or a forum that contradicts the facts given, state one fact two ways: an
        error. Reading a named court beside arbitration facts in either direction would let
        deleting one key turn an arbitration abroad into a passing court forum (section 9)."""
        court_given = self.court_country is not None or self.court is not None
        arbitration_given = self.arbitration_seat is not None or self.arbitration_rules is not None
        if court_given and arbitration_given:
            raise invalid(
                "give court_country/court (a court) or arbitration_seat/arbitration_rules "
                "(arbitration), not both",
                "court_country・court（裁判所）と arbitration_seat・arbitration_rules（仲裁）は"
                "どちらか一方だけを記入してください",
            )
        forum = self.dispute_resolution
        if (forum is DisputeResolution.COURT and arbitration_given) or (
            forum is DisputeResolution.ARBITRATION and court_given
        ):
            raise invalid(
                f"dispute_resolution is {forum.value}, but the facts given are of the other forum",
                f"dispute_resolution が {forum.value} ですが、もう一方の紛争解決の方法の事実が"
                "記入されています",
            )
        if forum is None and court_given:
            object.__setattr__(self, "dispute_resolution", DisputeResolution.COURT)
        return self
