"""Rendering of a declaration diff (``caio.diff``) to terminal, Markdown and JSON. Vendor text goes
through the one escaping policy (``render.safe``): visible escapes in the terminal and Markdown,
JSON escapes in JSON."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any, assert_never

from aiprocure.caio.tables import md, to_text
from aiprocure.caio.text import tc
from aiprocure.model.common import Lang
from aiprocure.render.safe import clean, json_dumps

if TYPE_CHECKING:  # rich is imported by the terminal renderer only (start-up of other commands)
    from rich.console import RenderableType

    from aiprocure.caio.diff import DeclarationDiff, DiffFormat, FactChange, FindingChange


def _v(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json_dumps(value, sort_keys=True)


def _lines(c: FactChange) -> str:
    return f"{c.old_line or '—'} → {c.new_line or '—'}"


def _status(c: FindingChange, lang: Lang) -> tuple[str, str]:
    def one(status: str | None, sev: str | None) -> str:
        if status is None:
            return "—"
        return f"{tc('status.' + status, lang)} [{tc('severity.' + (sev or 'info'), lang)}]"

    return one(c.old_status, c.old_severity), one(c.new_status, c.new_severity)


def render_diff(d: DeclarationDiff, lang: Lang, fmt: DiffFormat, *, width: int = 100) -> str:
    from aiprocure.caio.diff import DiffFormat

    if fmt is DiffFormat.JSON:
        doc = {**asdict(d), "worse": d.worse}
        return json_dumps(doc, indent=2, sort_keys=True) + "\n"
    if fmt is DiffFormat.MARKDOWN:
        return _markdown(d, lang)
    if fmt is DiffFormat.TERMINAL:
        return to_text(_terminal(d, lang), width=width)
    return assert_never(fmt)


def _determination_change(d: DeclarationDiff, lang: Lang) -> str:
    old = tc(f"determination.{d.old_determination}", lang)
    new = tc(f"determination.{d.new_determination}", lang)
    return f"{tc('verdict.determination', lang)}: {old} → {new}"


def _verdict(d: DeclarationDiff, lang: Lang) -> str:
    return tc("diff_worse" if d.worse else "diff_not_worse", lang)


def _markdown(d: DeclarationDiff, lang: Lang) -> str:
    out = [f"# {tc('diff_title', lang)}", ""]
    out.append(f"- {md(d.old_file)} → {md(d.new_file)}")
    out.append(
        f"- {tc('risk_level', lang)}: {tc('risk.' + d.old_risk, lang)} → {tc('risk.' + d.new_risk, lang)}"
    )
    out.append(f"- {tc('review', lang)}: {d.old_review} → {d.new_review}")
    if d.determination_changed:  # a state change is its own line
        out.append(f"- **{md(_determination_change(d, lang))}**")
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
    ]
    if d.determination_changed:  # a state change is its own line
        parts.append(Text(_determination_change(d, lang), style="bold"))
    parts.append(Text(""))
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
