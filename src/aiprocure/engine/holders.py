"""The chain of entities that hold government data, and the regime each one is under.

docs/verdicts.md section 7: possession, custody or control decides, not what an entity says about
"access". The chain is the vendor, each model's maker (when it operates the endpoint) or platform,
and every sub-processor. Each entity gets a grade (A, B, C, or None = unknown) from its country,
parent country, locations and declared foreign laws, and a holding state (True, False, None).
Entities are deduplicated (``regimes.entity_key``): one holder, one finding, whatever the route.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aiprocure.engine.regimes import (
    Grader,
    baseline_on,
    data_locations,
    dict_of,
    entity_key,
    list_of,
    same_company,
    worse,
)
from aiprocure.model.ruleset import Ruleset

# Roles that hold the data by definition (7.3 rule 1): a "no access" claim contradicts them.
HOLDING_ROLES = frozenset({"platform", "hosting", "storage", "backup", "processing", "logging"})
KNOWN_ROLES = HOLDING_ROLES | {"model_provider", "support", "monitoring", "other"}
# What a ciphertext-only holder may do when the keys are in an HSM outside its control (7.4).
CIPHERTEXT_HOLDINGS = frozenset({"store", "backup"})
API_HOSTING = frozenset({"provider_api", "model_provider_api"})


@dataclass
class Entity:
    """One entity of the chain; ``paths`` are where its facts are in the declaration."""

    key: str
    name: str
    roles: list[str]
    grade: str | None  # A, B, C; None = a country, parent country or law is unanswered
    grade_at: str  # the path of the fact that set the grade (or of the missing fact)
    holds: bool | None  # None: not declared and not implied by the role
    holds_at: str
    holdings: set[str] = field(default_factory=set)  # declared holdings (empty: not declared)
    claims_no_access: bool = False
    claim_unanswered: bool = False  # a maker on a platform says nothing about its access
    claim_at: str = ""
    has_evidence: bool = False
    contradiction: bool = False  # a holding role claims to hold nothing
    unknown_laws: list[str] = field(default_factory=list)
    baseline: bool = False  # the Government Cloud provider under the Digital Agency terms
    incomplete_at: str | None = None  # first missing chain fact (FA-015)
    partial_at: str | None = None  # graded A while another fact is missing: its B-ness is unknown

    def label(self) -> str:
        grade = self.grade or "?"
        return f"{self.name} ({'/'.join(self.roles)}; grade {grade})"


@dataclass
class Chain:
    entities: list[Entity]
    unknown_at: str | None  # the whole chain is unknown (no sub-processor list): where


def build_chain(data: dict[str, Any], rs: Ruleset) -> Chain:
    """Every entity that holds or may hold the data, merged by identity."""
    merged: dict[str, Entity] = {}
    baseline = baseline_on(data, rs)

    def add(entity: Entity) -> None:
        old = merged.get(entity.key)
        if old is None:
            merged[entity.key] = entity
            return
        for role in entity.roles:
            if role not in old.roles:
                old.roles.append(role)
        # Two records of one entity combine their facts: one complete record is enough to
        # grade it, and the worse known grade wins.
        if entity.grade is not None and (old.grade is None or worse(entity.grade, old.grade)):
            old.grade, old.grade_at = entity.grade, entity.grade_at
        if entity.holds or (entity.holds is None and old.holds is False):
            old.holds, old.holds_at = entity.holds, entity.holds_at
        old.holdings |= entity.holdings
        old.contradiction = old.contradiction or entity.contradiction
        old.claim_unanswered = old.claim_unanswered and entity.claim_unanswered
        old.baseline = old.baseline and entity.baseline
        old.has_evidence = old.has_evidence or entity.has_evidence
        old.unknown_laws += [n for n in entity.unknown_laws if n not in old.unknown_laws]
        if entity.incomplete_at is None:
            old.incomplete_at = None
        if entity.partial_at is None:
            old.partial_at = None
        if entity.claims_no_access and not old.claims_no_access:
            old.claims_no_access, old.claim_at = True, entity.claim_at

    # The vendor operates the service: it holds the data (7.3); its own foreign_law applies to it.
    vendor = dict_of(data.get("vendor"))
    g = Grader(rs)
    g.country(vendor.get("country"), "vendor.country")
    parent = vendor.get("parent_country") or dict_of(vendor.get("parent_company")).get("country")
    parent_at = (
        "vendor.parent_country" if vendor.get("parent_country") else "vendor.parent_company.country"
    )
    g.country(parent, parent_at, required=vendor.get("has_parent_company") is not False)
    where, where_missing = data_locations(data)
    for country, path in where:
        g.country(country, path)
    if where_missing is not None:
        g.country(None, where_missing)  # where the data is held is a fact of the grade
    laws = dict_of(data.get("foreign_law")).get("subject_to")
    g.laws(laws, "foreign_law.subject_to")
    if laws is None:  # the vendor's own laws: silence is not "none"
        g.country(None, "foreign_law.subject_to")
    grade, grade_at = g.result()
    # The vendor is always in the chain, even when it says nothing about itself.
    if vendor is not None:
        add(
            Entity(
                key=entity_key(
                    str(vendor.get("name") or "vendor"),
                    vendor.get("country"),
                    vendor.get("corporate_number"),
                ),
                name=str(vendor.get("name") or "vendor"),
                roles=["vendor"],
                grade=grade,
                partial_at=g.unknown_at,
                grade_at=grade_at or "vendor",
                holds=True,
                holds_at="vendor",
                unknown_laws=g.unknown_laws,
            )
        )

    subs = data.get("sub_processors")
    entities = dict_of(subs).get("entities")
    unknown_at = None
    if entities is None:
        unknown_at = "sub_processors.entities" if isinstance(subs, dict) else "sub_processors"
    for i, raw in enumerate(list_of(entities)):
        e = dict_of(raw)
        at = f"sub_processors.entities[{i}]"
        role = e.get("role")
        sg = Grader(rs)
        sg.country(e.get("country"), f"{at}.country")
        sg.country(
            e.get("parent_country"),
            f"{at}.parent_country",
            required=e.get("has_parent_company") is not False,
        )
        if isinstance(e.get("locations"), list):
            for j, c in enumerate(e["locations"]):
                sg.country(c, f"{at}.locations[{j}]")
        else:  # not said where it holds the data: wherever the declaration holds it, and maybe
            # elsewhere: silence is not "only there" (deleting `locations: [CN]` must not pass)
            for country, path in where:
                sg.country(country, path)
            sg.country(None, f"{at}.locations")
        sg.laws(dict_of(e.get("foreign_law")).get("subject_to"), f"{at}.foreign_law.subject_to")
        s_grade, s_at = sg.result()
        holds_list = e.get("holds")
        access = e.get("accesses_customer_data")
        holdings: set[str] = set(holds_list) if isinstance(holds_list, list) else set()
        declared: bool | None
        if isinstance(holds_list, list):
            declared, claim_at = bool(holds_list), f"{at}.holds"
        elif isinstance(access, bool):
            declared, claim_at = access, f"{at}.accesses_customer_data"
        else:
            declared, claim_at = None, f"{at}.holds"
        holding_role = role in HOLDING_ROLES
        holds = True if holding_role or role == "model_provider" else declared
        if role is None and declared is False:
            holds = None  # a "holds nothing" claim cannot be weighed against an unknown role
        incomplete = sg.unknown_at
        if role is None or (role not in KNOWN_ROLES and declared is None):
            incomplete = incomplete or f"{at}.role"
        if declared is None:
            incomplete = incomplete or f"{at}.holds"
        add(
            Entity(
                key=entity_key(str(e.get("name")), e.get("country"), e.get("corporate_number")),
                name=str(e.get("name")),
                # "?": the role is not said (it may be any role, including a holding one)
                roles=[str(role) if role in KNOWN_ROLES else "?" if role is None else "other"],
                grade=s_grade,
                partial_at=sg.unknown_at,
                grade_at=s_at or at,
                holds=holds,
                holds_at=claim_at,
                holdings=holdings,
                claims_no_access=declared is False,
                claim_at=claim_at,
                has_evidence=bool(e.get("evidence")),
                contradiction=declared is False and (holding_role or role == "model_provider"),
                claim_unanswered=declared is None or (declared is False and role is None),
                unknown_laws=sg.unknown_laws,
                baseline=baseline and role in ("platform", "hosting") and s_grade != "A",
                incomplete_at=incomplete,
            )
        )

    # Models after sub-processors: a platform listed as a sub-processor keeps its full name.
    for i, raw_model in enumerate(list_of(dict_of(data.get("system")).get("models"))):
        model = dict_of(raw_model)
        at = f"system.models[{i}]"
        hosting = model.get("hosting")
        name = str(model.get("provider") or "model provider")
        maker = Grader(rs)
        maker.country(model.get("provider_country"), f"{at}.provider_country")
        maker.country(model.get("provider_parent_country"), f"{at}.provider_parent_country")
        maker_grade, maker_at = maker.result()
        if hosting in API_HOSTING or hosting is None:
            # The maker operates the endpoint: it holds every prompt and output (7.3 rule 2).
            # Unanswered hosting: it may.
            add(
                Entity(
                    key=entity_key(name, model.get("provider_country"), None),
                    name=name,
                    roles=["model_provider"],
                    grade=maker_grade,
                    partial_at=maker.unknown_at,
                    grade_at=maker_at or f"{at}.provider_country",
                    holds=True if hosting else None,
                    holds_at=f"{at}.hosting",
                    has_evidence=bool(model.get("evidence")),
                    incomplete_at=maker.unknown_at or (None if hosting else f"{at}.hosting"),
                )
            )
        platform = dict_of(model.get("platform"))
        if hosting == "platform" or (hosting is None and platform):
            pg = Grader(rs)
            pg.country(platform.get("country"), f"{at}.platform.country")
            pg.country(platform.get("parent_country"), f"{at}.platform.parent_country")
            p_grade, p_at = pg.result()
            pname = str(platform.get("name") or f"platform of {name}")
            add(
                Entity(
                    key=entity_key(
                        pname, platform.get("country"), platform.get("corporate_number")
                    ),
                    name=pname,
                    roles=["platform"],
                    grade=p_grade if platform else None,
                    partial_at=pg.unknown_at,
                    grade_at=p_at or f"{at}.platform",
                    holds=True if hosting else None,
                    holds_at=f"{at}.platform",
                    baseline=baseline and p_grade != "A",
                    incomplete_at=pg.unknown_at if platform else f"{at}.platform",
                )
            )
        if hosting == "platform":
            # The maker does not operate the endpoint: it holds only if it says so; its
            # "no access" claim is examined by FA-013 (7.3 rule 2).
            claim = model.get("maker_holds_data")
            if platform and same_company(name, str(platform.get("name") or "")):
                continue  # the platform's operator made the model: one holder, already added
            add(
                Entity(
                    key=entity_key(name, model.get("provider_country"), None),
                    name=name,
                    roles=["model_provider"],
                    grade=maker_grade,
                    partial_at=maker.unknown_at,
                    grade_at=maker_at or f"{at}.provider_country",
                    holds=None if claim is None else claim is True,
                    holds_at=f"{at}.maker_holds_data",
                    claims_no_access=claim is False,
                    claim_unanswered=claim is None and maker_grade != "C",
                    claim_at=f"{at}.maker_holds_data",
                    has_evidence=bool(model.get("evidence")) and claim is False,
                )
            )
    return Chain(list(merged.values()), unknown_at)


def storage_only(entity: Entity) -> bool:
    """The entity declares that it only stores or backs up the data (never the vendor, a
    platform or a model maker)."""
    return (
        bool(entity.holdings)
        and entity.holdings <= CIPHERTEXT_HOLDINGS
        and not set(entity.roles) & {"vendor", "platform", "model_provider"}
    )


def ciphertext_only(entity: Entity, data: dict[str, Any]) -> bool:
    """Keys in an HSM outside the provider's control, with evidence, and an entity that only
    stores or backs up (7.4): it holds ciphertext."""
    security = dict_of(data.get("security"))
    return (
        security.get("key_custody") == "external_hsm"
        and bool(security.get("evidence"))
        and storage_only(entity)
    )
