"""What changed between two versions of a declaration: declared facts (by field path, with the
line in each file) and findings (appeared, disappeared, status or severity changed).

A finding *got worse* when its status moved down the order pass/waived/not_applicable/absent <
unverified < unanswered < fail, or when it stayed open and its severity rose. The new version is
worse when a finding got worse or when it newly needs a CAIO review. ``aiprocure diff`` exits 1 if
it is worse, 0 otherwise, 2 for bad input. Rendering is in ``caio.diff_render``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from aiprocure.model.findings import Finding, Report, Status
from aiprocure.sources.yamlsrc import Document

_RANK = {Status.UNVERIFIED: 1, Status.UNANSWERED: 2, Status.FAIL: 3}


class DiffFormat(StrEnum):
    TERMINAL = "terminal"
    MARKDOWN = "markdown"
    JSON = "json"


@dataclass(frozen=True)
class FactChange:
    path: str
    kind: Literal["added", "removed", "changed"]
    old: Any
    new: Any
    old_line: int | None
    new_line: int | None


@dataclass(frozen=True)
class FindingChange:
    rule_id: str
    kind: Literal["appeared", "disappeared", "status", "severity"]
    old_status: str | None
    new_status: str | None
    old_severity: str | None
    new_severity: str | None
    worse: bool
    title_ja: str
    title_en: str
    new_line: int | None


@dataclass(frozen=True)
class DeclarationDiff:
    old_file: str
    new_file: str
    old_risk: str
    new_risk: str
    old_review: bool
    new_review: bool
    facts: list[FactChange]
    findings: list[FindingChange]
    old_determination: str = "not_raised"
    new_determination: str = "not_raised"

    @property
    def determination_changed(self) -> bool:
        return self.old_determination != self.new_determination

    @property
    def determination_worse(self) -> bool:
        """Becoming incomplete or raised is worse (not_raised < incomplete < raised)."""
        return _STATE_RANK[self.new_determination] > _STATE_RANK[self.old_determination]

    @property
    def newly_needs_review(self) -> bool:
        return self.new_review and not self.old_review

    @property
    def worse(self) -> bool:
        """A finding got worse, or the new version newly needs a CAIO review."""
        return (
            self.newly_needs_review
            or self.determination_worse
            or any(f.worse for f in self.findings)
        )


_STATE_RANK = {"not_raised": 0, "incomplete": 1, "raised": 2}


def _dotted(key: tuple[str | int, ...]) -> str:
    out = ""
    for seg in key:
        out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else seg)
    return out


def leaves(
    data: Any, key: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """Scalar leaves; a list of scalars is one leaf, a list of mappings is walked by index."""
    if isinstance(data, dict) and data:
        for k in sorted(data):
            yield from leaves(data[k], (*key, k))
    elif isinstance(data, list) and any(isinstance(x, dict | list) for x in data):
        for i, x in enumerate(data):
            yield from leaves(x, (*key, i))
    else:
        yield key, data


def _rank(f: Finding | None) -> int:
    return 0 if f is None else _RANK.get(f.status, 0)


def diff_facts(old: Document, new: Document) -> list[FactChange]:
    a = dict(leaves(old.data))
    b = dict(leaves(new.data))
    out: list[FactChange] = []
    for key in sorted(
        a.keys() | b.keys(),
        key=lambda k: [
            (isinstance(s, int), str(s).zfill(8) if isinstance(s, int) else s) for s in k
        ],
    ):
        in_a, in_b = key in a, key in b
        if in_a and in_b and a[key] == b[key]:
            continue
        kind: Literal["added", "removed", "changed"] = (
            "changed" if in_a and in_b else "added" if in_b else "removed"
        )
        out.append(
            FactChange(
                path=_dotted(key),
                kind=kind,
                old=a.get(key),
                new=b.get(key),
                old_line=old.position(key).line if in_a else None,
                new_line=new.position(key).line if in_b else None,
            )
        )
    return out


def diff_findings(old: Report, new: Report) -> list[FindingChange]:
    a = {f.rule_id: f for f in old.findings}
    b = {f.rule_id: f for f in new.findings}
    out: list[FindingChange] = []
    for rid in sorted(a.keys() | b.keys()):
        fa, fb = a.get(rid), b.get(rid)
        ra, rb = _rank(fa), _rank(fb)
        same_status = fa is not None and fb is not None and fa.status is fb.status
        same_sev = fa is not None and fb is not None and fa.severity is fb.severity
        if same_status and same_sev:
            continue
        kind: Literal["appeared", "disappeared", "status", "severity"]
        if rb and not ra:
            kind = "appeared"
        elif ra and not rb:
            kind = "disappeared"
        elif not same_status:
            kind = "status"
        else:
            kind = "severity"
        worse = rb > ra or (
            kind == "severity"
            and rb > 0
            and fa is not None
            and fb is not None
            and fb.severity.rank > fa.severity.rank
        )
        ref = fb or fa
        assert ref is not None
        out.append(
            FindingChange(
                rule_id=rid,
                kind=kind,
                old_status=fa.status.value if fa else None,
                new_status=fb.status.value if fb else None,
                old_severity=fa.severity.value if fa else None,
                new_severity=fb.severity.value if fb else None,
                worse=worse,
                title_ja=ref.title.ja,
                title_en=ref.title.en,
                new_line=fb.location.line if fb else None,
            )
        )
    return out


def diff(old: Report, old_doc: Document, new: Report, new_doc: Document) -> DeclarationDiff:
    return DeclarationDiff(
        old_file=old.subject.declaration,
        new_file=new.subject.declaration,
        old_risk=old.risk_level.value,
        new_risk=new.risk_level.value,
        old_review=old.review_required,
        new_review=new.review_required,
        facts=diff_facts(old_doc, new_doc),
        findings=diff_findings(old, new),
        old_determination=old.determination.state.value,
        new_determination=new.determination.state.value,
    )


__all__ = ["DeclarationDiff", "DiffFormat", "FactChange", "FindingChange", "diff"]
