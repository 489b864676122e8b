"""The findings of one declaration in the HTML meeting pack: the table of open and waived
findings (each row's rule texts made once per run), then the passed and not-applicable rules by
title."""

from __future__ import annotations

from functools import lru_cache

from aiprocure.model.common import Lang
from aiprocure.model.findings import Finding, Observed, Report, Status
from aiprocure.render import conditions as acc
from aiprocure.render import html_view as view
from aiprocure.render.html_text import phrase, pieces, text

_LISTED = (Status.PASS, Status.NOT_APPLICABLE)


def findings(r: Report, lang: Lang) -> str:
    findings = [f for f in r.findings if f.status in view.OPEN_OR_WAIVED]
    if not findings:
        return f"<h3>{phrase('findings', lang)}</h3>\n<p>{phrase('no_findings', lang)}</p>\n"
    titles = {c.category: c.title.get(lang) for c in reversed(r.categories)}
    out = [pieces(lang)["findings_head"]]
    out += [_finding(f, lang, titles.get(f.category, f.category)) for f in findings]
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def _finding(f: Finding, lang: Lang, category: str) -> str:
    p = pieces(lang)
    loc = f.location
    out = [
        _row_head(f.rule_id, f.status.value, f.severity.value, f.title.get(lang), lang),
        f"<p>{text(f.message.get(lang))}</p>\n",
    ]
    unanswered = []
    for field, value in f.observed.items():
        if value is None:
            unanswered.append(field)
            continue
        out.append(
            f"{p['observed']} <code>{text(field)}</code> = {_observed(f, field, value, lang)}</p>\n"
        )
    if unanswered:
        fields = ", ".join(f"<code>{text(field)}</code>" for field in unanswered)
        out.append(f"{p['not_answered']} {fields}</p>\n")
    for e in f.evidence:
        out.append(f"{p['evidence']} {text(e.label())}</p>\n")
    if f.waiver:
        w = f.waiver
        out.append(
            f"{p['waived_by']} {text(w.id)}: {text(w.justification)} ({text(w.approver)}, "
            f"{text(w.approved_on)} – {text(w.expires_on)})</p>\n"
        )
    out.append(f"{p['location']}{loc.line}:{loc.col} {text(loc.field)}</code> · ")
    refs = tuple((r.source, r.edition, r.section, r.title, r.url) for r in f.references)
    out.append(_row_tail(category, f.provenance.value, f.remediation.get(lang), refs, lang))
    return "".join(out)


_VALUES: dict[tuple[object, ...], str] = {}


def _observed(f: Finding, field: str, value: Observed, lang: Lang) -> str:
    """An observed value, escaped; the same field and value recur in every report of a batch
    (the key holds each value's type: ``True == 1``, yet one is shown ``true``)."""
    if field in f.any_region:
        return text(acc.observed_text(f, field, value, lang))
    if isinstance(value, list):
        key: tuple[object, ...] = (field, lang, list, *((type(v), v) for v in value))
    else:
        key = (field, lang, type(value), value)
    shown = _VALUES.get(key)
    if shown is None:
        if len(_VALUES) >= 1 << 14:
            _VALUES.clear()
        shown = _VALUES[key] = text(acc.observed_text(f, field, value, lang))
    return shown


@lru_cache(maxsize=4096)
def _row_head(rule_id: str, status: str, severity: str, title: str, lang: Lang) -> str:
    """A finding's row up to its message: the same for every finding of a rule and status."""
    return (
        f'<tr><th scope="row">{text(rule_id)}<br><span class="badge status-{status}">'
        f'{phrase("status." + status, lang)}</span><br><span class="muted small">'
        f"{phrase('severity', lang)}: {phrase('severity.' + severity, lang)}</span></th>\n"
        f"<td><p><b>{text(title)}</b></p>\n"
    )


_Ref = tuple[str, str | None, str | None, str | None, str | None]


@lru_cache(maxsize=4096)
def _row_tail(
    category: str, provenance: str, remediation: str, references: tuple[_Ref, ...], lang: Lang
) -> str:
    """A finding's row after its position: concern, provenance, remediation and references,
    the same for every finding of a rule."""
    refs = []
    for source, *parts, url in references:
        part = text(source)
        for extra in parts:
            if extra:
                part += f" {text(extra)}"
        if url:
            part += f" <code>{text(url)}</code>"
        refs.append(part)
    listed = f'<p class="small muted">{"; ".join(refs)}</p>' if refs else ""
    return (
        f"{text(category)} · {phrase('provenance.' + provenance, lang)}</p></td>\n"
        f"<td>{text(remediation)}{listed}</td></tr>\n"
    )


def listed(r: Report, lang: Lang) -> str:
    out = []
    for status in _LISTED:
        rules = [f for f in r.findings if f.status is status]
        if not rules:
            continue
        key = "passed_rules" if status is Status.PASS else "html.not_applicable_rules"
        out.append(f'<h3>{phrase(key, lang)} ({len(rules)})</h3>\n<ul class="inline">\n')
        out += [_item(f.rule_id, f.title.get(lang)) for f in rules]
        out.append("</ul>\n")
    return "".join(out)


@lru_cache(maxsize=4096)
def _item(rule_id: str, title: str) -> str:
    return f"<li>{text(rule_id)} {text(title)}</li>\n"
