"""Format 2.0 in the engine (docs/declaration-format.md sections 3 and 4): the facts a rule reads,
their conditions of acceptance and notes, their own evidence and whether its kinds back the claim.

A finding reads the facts its rule's conditions name (``applies_if`` and ``check``), resolved to
the list item its location names where it has one. Its evidence is the evidence of those facts;
the section's evidence joins it, marked ``section_wide``, when none of their own is of a kind the
rule accepts. A claim is backed when any evidence among the facts' own and the section's is of an
accepted kind: deleting an entry can only take backing away (the deletion property).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

from aiprocure.model.common import Text
from aiprocure.model.conditions import fields_of
from aiprocure.model.countries import covers_every_country
from aiprocure.model.facts import EvidenceEntry, FactIndex, FactInfo, NoteKind, PathKey
from aiprocure.model.fields import location_key, steps_of
from aiprocure.model.findings import (
    ANY_REGION,
    AcceptanceCondition,
    ConditionRef,
    EvidenceRef,
    FactNoteRef,
    Finding,
    Observed,
    maker,
)
from aiprocure.model.ruleset import Ruleset

Pattern = tuple[str | int | None, ...]  # a field path's place in the file; None: any list item

_new_ref = maker(EvidenceRef)
_new_condition = maker(ConditionRef)
_EVIDENCE_KEYS = ("document", "section", "page", "url", "kind", "date", "file", "sha256")

_KINDS_MESSAGE = Text(
    ja="根拠資料の種類（{given}）はこの項目の根拠になりません。根拠となる種類: {accepted}",
    en="The evidence given ({given}) is not of a kind this rule accepts; it accepts: {accepted}",
)


def pattern_of(path: str) -> Pattern:
    """``a.b[].c`` -> ``("a", "b", None, "c")``; ``a.b[2].c`` -> ``("a", "b", 2, "c")``."""
    key: list[str | int | None] = []
    for name, mapped in steps_of(path):
        key.extend(location_key(name))  # "b[2]" -> "b", 2
        if mapped:
            key.append(None)
    return tuple(key)


def _matches(pattern: Pattern, key: PathKey) -> bool:
    """The fact at ``key`` is read by a rule reading ``pattern``: one is a prefix of the other
    (a rule reading an object reads its fields; a rule reading a field reads an object fact)."""
    for a, b in zip(pattern, key, strict=False):
        if a is None:
            if not isinstance(b, int):
                return False
        elif a != b:
            return False
    return True


def _refined(pattern: Pattern, at: Pattern) -> Pattern:
    """``pattern`` with the list indices of ``at`` (the finding's location) where they agree."""
    out: list[str | int | None] = []
    for i, p in enumerate(pattern):
        q = at[i] if i < len(at) else None
        if p is None and isinstance(q, int) and out == list(at[:i]):
            out.append(q)
        else:
            out.append(p)
    return tuple(out)


def section_refs(data: dict[str, Any], section: str) -> list[EvidenceRef]:
    """The evidence a declaration gives for a whole section (section-wide)."""
    sec = data.get(section)
    items = sec.get("evidence") if isinstance(sec, dict) else None
    return [_ref(e, section_wide=True) for e in items or [] if isinstance(e, dict)]


def _ref(e: dict[str, Any], *, section_wide: bool) -> EvidenceRef:
    values = {k: e.get(k) for k in _EVIDENCE_KEYS}
    values["kind"] = str(values["kind"] or "unspecified")
    if values["date"] is not None:
        values["date"] = str(values["date"])
    values["section_wide"] = section_wide
    return _new_ref(values)


def entry_ref(e: EvidenceEntry) -> EvidenceRef:
    return _new_ref(
        {
            "document": e.document,
            "section": e.section,
            "page": e.page,
            "url": e.url,
            "kind": e.kind.value,
            "date": e.date,
            "file": e.file,
            "sha256": e.sha256,
            "section_wide": False,
        }
    )


def display_value(value: Any, info: FactInfo | None = None) -> Any:
    """A declared value as a report shows it: `any` for every country, not 249 codes."""
    if info is not None and _any(info) and (isinstance(value, list) or value == ANY_REGION):
        return ANY_REGION
    if isinstance(value, list) and covers_every_country(value):
        return ANY_REGION
    return value


@dataclass
class FactsView:
    """One declaration's fact index, as the rules read it (memoised per rule and location)."""

    index: FactIndex
    reads: dict[str, tuple[Pattern, ...]]  # rule id -> the patterns of the fields it reads
    _memo: dict[tuple[str, str], tuple[FactInfo, ...]] = field(default_factory=dict)

    def facts_of(self, rule_id: str, at: str = "") -> tuple[FactInfo, ...]:
        """The facts a rule reads, restricted to the list item ``at`` names (a field path)."""
        at = at if "[" in at else ""  # only a list index narrows what a rule reads
        memo = self._memo.get((rule_id, at))
        if memo is not None:
            return memo
        where = pattern_of(at) if at else ()
        patterns = [_refined(p, where) if where else p for p in self.reads.get(rule_id, ())]
        found = [
            info
            for key, info in self.index.facts.items()
            if any(_matches(p, key) for p in patterns)
        ]
        out = tuple(sorted(found, key=lambda i: (i.line, i.col, i.path)))
        self._memo[(rule_id, at)] = out
        return out


def view(index: FactIndex, ruleset: Ruleset) -> FactsView | None:
    """The view of ``index`` for ``ruleset``'s rules; None for a declaration without metadata."""
    if not index.facts:
        return None
    reads = _READS.get(ruleset)
    if reads is None:
        reads = _READS[ruleset] = _reads(ruleset)
    return FactsView(index, reads)


# What each rule of a rule set reads, worked out once per rule set (a rule set never changes once
# compiled; it is equal only to itself, and dropped from here with it).
_READS: WeakKeyDictionary[Ruleset, dict[str, tuple[Pattern, ...]]] = WeakKeyDictionary()


def _reads(ruleset: Ruleset) -> dict[str, tuple[Pattern, ...]]:
    reads: dict[str, tuple[Pattern, ...]] = {}
    for rule in ruleset.rules:
        names = fields_of(rule.check)
        if rule.applies_if is not None:
            names += fields_of(rule.applies_if)
        reads[rule.id] = tuple(pattern_of(n) for n in dict.fromkeys(names))
    return reads


def own_refs(facts: Iterable[FactInfo]) -> list[EvidenceRef]:
    """The facts' own evidence, each entry once, in file order of the facts."""
    seen: dict[EvidenceEntry, None] = {}
    for info in facts:
        for e in info.evidence:
            seen.setdefault(e, None)
    return [entry_ref(e) for e in seen]


def unbacked(
    rule_id: str,
    kinds: frozenset[str],
    refs: Sequence[EvidenceRef],
    facts: FactsView | None,
    none_given: Text,
) -> Text | None:
    """Why a claim the rule requires evidence for is unverified (``none_given`` when there is no
    evidence at all); None when some evidence is of an accepted kind."""
    own = own_refs(facts.facts_of(rule_id)) if facts is not None else []
    given = [r.kind for r in (*own, *refs)]
    if any(k in kinds for k in given):
        return None
    if not given:
        return none_given
    return Text(
        ja=_KINDS_MESSAGE.ja.format(given=", ".join(sorted(set(given))), accepted=_list(kinds)),
        en=_KINDS_MESSAGE.en.format(given=", ".join(sorted(set(given))), accepted=_list(kinds)),
    )


def _list(kinds: Iterable[str]) -> str:
    return ", ".join(sorted(kinds))


def complete(
    values: dict[str, Any], kinds: frozenset[str], refs: list[EvidenceRef], facts: FactsView
) -> None:
    """A finding's values (``run_rules``) with its own facts' evidence, conditions and `any`."""
    mine = facts.facts_of(values["rule_id"], values["location"].field)
    own = own_refs(mine)
    if not any(r.kind in kinds for r in own):
        own += refs  # the section's evidence, marked section_wide
    values["evidence"] = own
    values["conditions"] = [
        _new_condition(
            {
                "path": c.path,
                "value": display_value(c.value, info),
                "kind": c.kind.value,
                "detail": c.detail,
                "line": c.line,
                "col": c.col,
            }
        )
        for info in mine
        for c in info.conditions
    ]
    observed: dict[str, Observed] = values["observed"]
    anywhere: list[str] = []
    for key, value in observed.items():
        p = pattern_of(key)
        infos = [i for i in mine if _matches(p, _key(i.path))]
        shown = display_value(value, next((i for i in infos if _any(i)), None))
        if shown == ANY_REGION and value != ANY_REGION:
            anywhere.append(key)
    if anywhere:
        values["observed"] = {k: ANY_REGION if k in anywhere else v for k, v in observed.items()}
        values["any_region"] = anywhere


def _any(info: FactInfo) -> bool:
    return any(n.kind is NoteKind.ANY_REGION for n in info.notes)


def _key(path: str) -> PathKey:
    return tuple(p for p in pattern_of(path) if p is not None)


def report_conditions(
    index: FactIndex, findings: Sequence[Finding], facts: FactsView | None
) -> tuple[list[AcceptanceCondition], list[FactNoteRef]]:
    """The report's conditions of acceptance and notes, each with the rules that read its fact."""
    if facts is None:
        return [], []
    rules: dict[str, set[str]] = {}
    for f in findings:
        for info in facts.facts_of(f.rule_id, f.location.field):
            rules.setdefault(info.path, set()).add(f.rule_id)
    infos = {info.path: info for info in index.facts.values()}
    conditions = [
        AcceptanceCondition(
            path=c.path,
            value=display_value(c.value, infos.get(c.path)),
            kind=c.kind.value,
            detail=c.detail,
            line=c.line,
            col=c.col,
            rules=sorted(rules.get(c.path, ())),
        )
        for c in index.conditions()
    ]
    notes = [
        FactNoteRef(
            path=n.path,
            kind=n.kind.value,
            value=display_value(n.value, infos.get(n.path)),
            detail=n.detail,
            line=n.line,
            col=n.col,
            rules=sorted(rules.get(n.path, ())),
        )
        for n in index.notes()
    ]
    return conditions, notes
