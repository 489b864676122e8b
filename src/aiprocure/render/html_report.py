"""One declaration's section of the HTML meeting pack (``render.html`` writes the document).

Written in Python rather than a template: a batch of a thousand declarations made the template
engine the slowest part of the run (an escaping call and an attribute lookup per value, most of
them on the same rule texts report after report). Every value is escaped (``html_text``), vendor
text through ``safe.clean`` first; the findings are ``html_findings``.
"""

from __future__ import annotations

from collections import Counter

from aiprocure.model.common import Lang
from aiprocure.model.findings import Report
from aiprocure.render import html_view as view
from aiprocure.render import verdicts
from aiprocure.render.html_findings import findings, listed
from aiprocure.render.html_text import COUNTED, esc, phrase, pieces, text
from aiprocure.render.i18n import t

__all__ = ["esc", "page_style", "phrase", "section", "text", "title", "toc_row"]


def title(report: Report) -> str:
    """The heading of a declaration: vendor (or file) — system; escaped."""
    s = report.subject
    head = text(s.vendor or s.declaration)
    return f"{head} — {text(s.system)}" if s.system else head


def page_style(report: Report, index: int) -> str:
    """The declaration's named page (its running header), lines of the document's ``<style>``."""
    pid = view.page_name(index)
    header = view.css_string(view.running_header(report))
    return (
        f"@page {pid} {{ @top-left {{ content: {header}; font-size: 8pt; color: #555555; }} }}\n"
        f".{pid} {{ page: {pid}; }}\n"
    )


def toc_row(report: Report, index: int, lang: Lang) -> str:
    """The declaration's row in the pack's table of contents."""
    return (
        f'<tr><td class="num">{index + 1}</td><th scope="row"><a href="#{view.page_name(index)}">'
        f"{text(view.running_header(report))}</a></th>{_badges(report, lang)}</tr>\n"
    )


def _badges(report: Report, lang: Lang) -> str:
    return (
        f'<td><span class="badge risk-{report.risk.level.value}">'
        f"{esc(verdicts.risk_word(report, lang))}</span></td>"
        f'<td><span class="badge determination-{report.determination.state.value}">'
        f"{esc(verdicts.state_word(report.determination, lang))}</span></td>"
    )


def section(report: Report, index: int, lang: Lang) -> str:
    """The declaration's ``<section>``: the overview page, then the details."""
    pid = view.page_name(index)
    out = [
        f'<section class="report {pid}" id="{pid}" aria-labelledby="{pid}-title">\n'
        f'<div class="overview">\n<h2 id="{pid}-title">{title(report)}</h2>\n'
    ]
    out.append(_verdicts(report, lang))
    out.append(_review(report, lang))
    out.append(_counts(report, lang))
    out.append(_acceptance(report, lang))
    out.append(_facts(report, lang))
    out.append('<div class="details">\n')
    out.append(_categories(report, lang))
    out.append(_high_risk(report, lang))
    out.append(findings(report, lang))
    out.append(listed(report, lang))
    out.append(_footer(report, lang))
    out.append("</div>\n</section>\n")
    return "".join(out)


def _verdicts(r: Report, lang: Lang) -> str:
    det = r.determination
    warn = f" — {phrase('determination_warn', lang)}" if verdicts.warns_only(r) else ""
    return (
        f'<table class="verdicts">\n<caption class="muted small">{phrase("html.verdicts", lang)}'
        f'</caption>\n<tbody>\n<tr><th scope="row">{phrase("verdict.risk", lang)}</th><td>'
        f'<span class="badge risk-{r.risk.level.value}">{esc(verdicts.risk_word(r, lang))}'
        f"</span> {text(verdicts.risk_reason(r, lang))}</td></tr>\n"
        f'<tr><th scope="row">{phrase("verdict.determination", lang)}</th><td>'
        f'<span class="badge determination-{det.state.value}">'
        f"{esc(verdicts.state_word(det, lang))}</span> "
        f"{text(verdicts.determination_reason(det, lang))}{warn}</td></tr>\n</tbody>\n</table>\n"
    )


def _review(r: Report, lang: Lang) -> str:
    if not r.review_required:
        return f'<div class="ok">{phrase("review_not_required", lang)}</div>\n'
    out = [f'<div class="review">\n<strong>{phrase("review_required", lang)}</strong>\n<ul>\n']
    for flag in r.review_flags:
        loc = flag.location
        out.append(
            f"<li><b>{text(flag.source_id)} {text(flag.title.get(lang))}</b>: "
            f"{text(flag.reason.get(lang))} <code>{text(loc.file)}:{loc.line}:"
            f"{loc.col}</code></li>\n"
        )
    out.append("</ul>\n</div>\n")
    return "".join(out)


def _counts(r: Report, lang: Lang) -> str:
    seen = Counter(f.status for f in r.findings)
    counts = [(s, seen[s]) for s in view.STATUS_ORDER]
    head = "".join(f'<th scope="col">{phrase("status." + s.value, lang)}</th>' for s, _ in counts)
    cells = "".join(f'<td class="num">{n}</td>' for _, n in counts)
    return (
        f'<h3>{phrase("html.counts", lang)}</h3>\n<table class="counts">\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody><tr>{cells}</tr></tbody>\n</table>\n"
    )


def _acceptance(r: Report, lang: Lang) -> str:
    rows = view.acceptance_conditions(r, lang)
    if not rows:
        return ""
    p = pieces(lang)
    out = [p["acceptance_head"]]
    for c in rows:
        out.append(
            f'<tr><th scope="row"><code>{esc(c.fact)}</code></th><td>{esc(c.value)}</td>'
            f"<td>{esc(c.when)}</td><td>{esc(c.detail)}</td><td>{esc(c.rules)}</td>"
            f'<td class="num">{esc(c.line)}</td></tr>\n'
        )
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def _facts(r: Report, lang: Lang) -> str:
    s = r.subject

    def row(key: str, value: str) -> str:
        return f"<dt>{phrase(key, lang)}</dt><dd>{value}</dd>\n"

    out = ['<dl class="facts">\n', row("vendor", text(s.vendor or "—"))]
    out.append(row("system", text(s.system or "—")))
    if s.corporate_number:
        out.append(row("corporate_number", text(s.corporate_number)))
    out.append(row("declaration", f"<code>{text(s.declaration)}</code>"))
    declared = view.declared_on(r)
    out.append(
        row("html.declared_on", esc(declared) if declared else phrase("html.not_stated", lang))
    )
    digest = view.declaration_digest(r)
    out.append(row("html.digest", f'<code class="digest">{text(digest or "—")}</code>'))
    if r.generated_at:
        out.append(row("generated_at", esc(view.tokyo_time(r.generated_at))))
    out.append("</dl>\n</div>\n")
    return "".join(out)


def _categories(r: Report, lang: Lang) -> str:
    out = [pieces(lang)["categories_head"]]
    for cat in r.categories:
        risk = cat.risk.value
        counts = "".join(f'<td class="num">{cat.counts.get(s, 0)}</td>' for s in COUNTED)  # type: ignore[call-overload]
        out.append(
            f'<tr><th scope="row">{text(cat.title.get(lang))}</th><td class="chart">'
            '<svg class="bar" aria-hidden="true" focusable="false" viewBox="0 0 100 10" '
            'preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg">'
            f'<rect class="track" width="100" height="10"/><rect class="fill-{risk}" '
            f'width="{cat.score}" height="10"/></svg>{cat.score}</td><td>'
            f'<span class="badge risk-{risk}">{phrase("risk." + cat.risk.value, lang)}</span>'
            f"</td>{counts}</tr>\n"
        )
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def _high_risk(r: Report, lang: Lang) -> str:
    hr = r.high_risk
    if not hr:
        return ""
    if hr.mode == "any":
        how = phrase("aggregation_any", lang)
    else:
        how = esc(t("aggregation_at_least", lang, count=hr.count))
    if hr.provenance.value == "tool":
        how += f" ({phrase('tool_default', lang)})"
    out = [f'<h3>{phrase("high_risk", lang)}</h3>\n<p class="small">{how}</p>\n']
    if hr.undetermined:
        out.append(f"<p><strong>{phrase('undetermined', lang)}</strong></p>\n")
    out.append(pieces(lang)["viewpoints_head"])
    for v in hr.viewpoints:
        level = text(v.label.get(lang)) if v.label else phrase("status.unanswered", lang)
        if v.high is None:
            high = "?"
        elif v.high:
            high = f"<strong>{phrase('risk.high', lang)}</strong>"
        else:
            high = "—"
        out.append(
            f'<tr><th scope="row">{esc(v.id)} {text(v.title.get(lang))}</th><td>{level}</td>'
            f"<td>{high}</td></tr>\n"
        )
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def _footer(r: Report, lang: Lang) -> str:
    out = [pieces(lang)["footer_head"]]
    out += [
        f'<tr><td><code>{text(i.path)}</code></td><td><code class="digest">{text(i.sha256)}'
        "</code></td></tr>\n"
        for i in r.inputs
    ]
    packs = "".join(f" · {text(cl.id)} {text(cl.version)}" for cl in r.checklists)
    out.append(
        f"</tbody>\n</table>\n<p>{phrase('versions', lang)}: {text(r.tool)} "
        f"{text(r.tool_version)}{packs}</p>\n<p>{phrase('edition_note', lang)}</p>\n"
    )
    out += [
        f"<p>{phrase('disabled_rules', lang)}: {text(d.rule_id)} — {text(d.reason)} "
        f"({text(d.source)})</p>\n"
        for d in r.disabled_rules
    ]
    out.append("</footer>\n")
    return "".join(out)
