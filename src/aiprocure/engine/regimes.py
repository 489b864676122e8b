"""Grading an entity's regime from its facts (docs/verdicts.md 7.3 rule 4), and telling two
records of one entity apart from two entities."""

from __future__ import annotations

import re
from typing import Any

from aiprocure.model.ruleset import GRADE_ORDER, Ruleset, law_key

_SUFFIXES = re.compile(
    r"(株式会社|合同会社|有限会社|\b(kk|k\.k\.|gk|inc|ltd|llc|plc|corp|corporation|co|pte|"
    r"limited|gmbh|sa|ag|japan)\b\.?)",
)


def entity_key(name: str, country: str | None, number: str | None) -> str:
    if number:
        return "#" + number
    plain = _SUFFIXES.sub(" ", name.casefold())
    return "".join(ch for ch in plain if ch.isalnum()) + "@" + (country or "?")


def same_company(a: str, b: str) -> bool:
    """Two names of one company (corporate suffixes, case and punctuation ignored)."""
    return entity_key(a, None, None) == entity_key(b, None, None)


def worse(a: str | None, b: str | None) -> bool:
    """Is grade ``a`` worse than ``b`` (None, unknown, is handled by the caller)?"""
    return GRADE_ORDER.get(a or "C", 0) > GRADE_ORDER.get(b or "C", 0)


class Grader:
    def __init__(self, rs: Ruleset) -> None:
        self.rs = rs
        self.grade: str | None = "C"
        self.at = ""
        self.unknown_at: str | None = None
        self.unknown_laws: list[str] = []

    def country(self, value: Any, path: str, *, required: bool = True) -> None:
        if value is None:
            if required and self.unknown_at is None:
                self.unknown_at = path
            return
        g = self.rs.grade(str(value))
        if not self.at or worse(g, self.grade):
            self.grade, self.at = g, path
            if not self.at:
                self.at = path

    def laws(self, names: Any, path: str) -> None:
        if not isinstance(names, list):
            return
        for i, name in enumerate(names):
            country = self.rs.law_countries.get(law_key(str(name)))
            if country is None:
                self.unknown_laws.append(str(name))
                g: str | None = "B"
            else:
                g = self.rs.grade(country)
            if worse(g, self.grade):
                self.grade, self.at = g, f"{path}[{i}]"

    def result(self) -> tuple[str | None, str]:
        # A known A or B grade stands even when another fact is missing (the missing fact can
        # only make it worse: the entity's ``partial_at`` says so); below B, unknown wins.
        if self.grade in ("A", "B") or self.unknown_at is None:
            return self.grade, self.at
        return None, self.unknown_at


def dict_of(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def list_of(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def baseline_on(data: dict[str, Any], rs: Ruleset) -> bool:
    dep = dict_of(data.get("deployment"))
    return (
        rs.parameter_values.get("government_cloud_baseline", 1.0) != 0
        and dep.get("environment") == "government_cloud"
        and dep.get("account_holder") == "ministry"
        and dep.get("terms") == "digital_agency_government_cloud"
        and dep.get("services_within_terms") is True
    )


def data_locations(data: dict[str, Any]) -> tuple[list[tuple[str, str]], str | None]:
    """Every country in data_locations with its path, and the first list left unanswered."""
    out: list[tuple[str, str]] = []
    missing: str | None = None
    locs = dict_of(data.get("data_locations"))
    for key in ("storage", "processing", "backup", "logs"):
        value = locs.get(key)
        if not isinstance(value, list):
            missing = missing or f"data_locations.{key}"
        for i, c in enumerate(list_of(value)):
            out.append((str(c), f"data_locations.{key}[{i}]"))
    return out, missing
