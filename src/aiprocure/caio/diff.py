"""What changed between two versions of a declaration: declared facts (by field path, with the
line in each file) and findings (appeared, disappeared, status or severity changed).

A finding *got worse* when its status moved down the order pass/waived/not_applicable/absent <
unverified < unanswered < fail, or when it stayed open and its severity rose. ``aiprocure diff``
exits 1 if any finding got worse, 0 otherwise, 2 for bad input.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal, assert_never

from aiprocure.caio.tables import md, to_text
from aiprocure.caio.text import tc
from aiprocure.model.common import Lang
from aiprocure.model.findings import Finding, Report, Status
from aiprocure.render.safe import clean
from aiprocure.sources.yamlsrc import Document

if TYPE_CHECKING:  # rich is imported by the terminal renderer only (start-up of other commands)
    from rich.console import RenderableType

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

    @property
    def worse(self) -> bool:
        return any(f.worse for f in self.findings)


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
    )


def _v(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _lines(c: FactChange) -> str:
    return f"{c.old_line or '—'} → {c.new_line or '—'}"


def _status(c: FindingChange, lang: Lang) -> tuple[str, str]:
    def one(status: str | None, sev: str | None) -> str:
        if status is None:
            return "—"
        return f"{tc('status.' + status, lang)} [{tc('severity.' + (sev or 'info'), lang)}]"

    return one(c.old_status, c.old_severity), one(c.new_status, c.new_severity)


def render_diff(d: DeclarationDiff, lang: Lang, fmt: DiffFormat, *, width: int = 100) -> str:
    if fmt is DiffFormat.JSON:
        doc = {**asdict(d), "worse": d.worse}
        return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if fmt is DiffFormat.MARKDOWN:
        return _markdown(d, lang)
    if fmt is DiffFormat.TERMINAL:
        return to_text(_terminal(d, lang), width=width)
    return assert_never(fmt)


def _verdict(d: DeclarationDiff, lang: Lang) -> str:
    return tc("diff_worse" if d.worse else "diff_not_worse", lang)


def _markdown(d: DeclarationDiff, lang: Lang) -> str:
    out = [f"# {tc('diff_title', lang)}", ""]
    out.append(f"- {md(d.old_file)} → {md(d.new_file)}")
    out.append(
        f"- {tc('risk_level', lang)}: {tc('risk.' + d.old_risk, lang)} → {tc('risk.' + d.new_risk, lang)}"
    )
    out.append(f"- {tc('review', lang)}: {d.old_review} → {d.new_review}")
    out.append(f"- **{_verdict(d, lang)}**")
    out += ["", f"## {tc('facts_changed', lang)}", ""]
    if d.facts:
        out.append(
            f"| {tc('field', lang)} | {tc('change', lang)} | {tc('old', lang)} | {tc('new', lang)} | {tc('location', lang)} |"
        )
        out.append("|---|---|---|---|---|")
        for c in d.facts:
            out.append(
                f"| {md(c.path)} | {tc('change.' + c.kind, lang)} | {md(_v(c.old))} | {md(_v(c.new))} | {_lines(c)} |"
            )
    else:
        out.append(tc("no_changes", lang))
    out += ["", f"## {tc('findings_changed', lang)}", ""]
    if d.findings:
        out.append(
            f"| {tc('rule', lang)} | {tc('change', lang)} | {tc('old', lang)} | {tc('new', lang)} | {tc('worse', lang)} |"
        )
        out.append("|---|---|---|---|---|")
        for f in d.findings:
            old, new = _status(f, lang)
            title = f.title_ja if lang is Lang.JA else f.title_en
            out.append(
                f"| {md(f.rule_id)} {md(title)} | {tc('change.' + f.kind, lang)} | {old} | {new} | {'⚠' if f.worse else ''} |"
            )
    else:
        out.append(tc("no_changes", lang))
    return "\n".join(out) + "\n"


def _terminal(d: DeclarationDiff, lang: Lang) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = [
        Text(tc("diff_title", lang), style="bold"),
        Text(f"{clean(d.old_file)} → {clean(d.new_file)}"),
        Text(
            f"{tc('risk_level', lang)}: {tc('risk.' + d.old_risk, lang)} → {tc('risk.' + d.new_risk, lang)}"
        ),
        Text(""),
    ]
    facts = Table(title=Text(tc("facts_changed", lang)), title_justify="left")
    for h in ("field", "change", "old", "new", "location"):
        facts.add_column(tc(h, lang), overflow="fold")
    for c in d.facts:
        facts.add_row(
            Text(clean(c.path)),
            Text(tc("change." + c.kind, lang)),
            Text(clean(_v(c.old))),
            Text(clean(_v(c.new))),
            Text(_lines(c)),
        )
    parts.append(
        facts if d.facts else Text(f"{tc('facts_changed', lang)}: {tc('no_changes', lang)}")
    )
    finds = Table(title=Text(tc("findings_changed", lang)), title_justify="left")
    for h in ("rule", "change", "old", "new", "worse"):
        finds.add_column(tc(h, lang), overflow="fold")
    for f in d.findings:
        old, new = _status(f, lang)
        finds.add_row(
            Text(f.rule_id),
            Text(tc("change." + f.kind, lang)),
            Text(old),
            Text(new),
            Text("⚠" if f.worse else "", style="bold red"),
        )
    parts.append(
        finds if d.findings else Text(f"{tc('findings_changed', lang)}: {tc('no_changes', lang)}")
    )
    parts.append(Text(_verdict(d, lang), style="bold red" if d.worse else "green"))
    return Group(*parts)
