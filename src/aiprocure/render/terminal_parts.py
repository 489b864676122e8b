"""The terminal report's findings and footer: one block per finding, the summary line, the
disabled rules and the waiver notices (used by ``render.terminal``). Vendor text is placed after
``safe.clean``, never parsed as markup, and wrapped, never cut (``render.terminal_text``)."""

from __future__ import annotations

from rich.cells import cell_len

from aiprocure.model.common import Lang
from aiprocure.model.findings import Finding, Report, Status
from aiprocure.render import conditions as acc
from aiprocure.render import terminal_conditions
from aiprocure.render.i18n import t
from aiprocure.render.safe import clean
from aiprocure.render.terminal_text import Page

STATUS_STYLE = {
    Status.PASS: "green",
    Status.FAIL: "bold red",
    Status.UNANSWERED: "yellow",
    Status.UNVERIFIED: "magenta",
    Status.NOT_APPLICABLE: "dim",
    Status.WAIVED: "cyan",
}
SHOWN = (Status.FAIL, Status.UNVERIFIED, Status.UNANSWERED, Status.WAIVED)
BODY = 4  # a finding's lines start here; their continuation lines two cells further in


def _finding(page: Page, f: Finding, lang: Lang) -> None:
    page.add(
        [
            (f"[{t('status.' + f.status.value, lang)}]", STATUS_STYLE[f.status]),
            (f" [{t('severity.' + f.severity.value, lang)}] {f.rule_id}", "bold"),
            ("  " + clean(f.title.get(lang)), ""),
        ],
        hang=2,
    )
    more = BODY + 2
    page.add([(clean(f.message.get(lang) or "—"), "")], indent=BODY)
    for field, value in f.observed.items():
        shown = clean(acc.observed_text(f, field, value, lang))  # names, `any` as any region
        page.add([(f"{clean(field)} = {shown}", "dim")], indent=BODY, hang=more)
    for line in terminal_conditions.finding_lines(f, lang):  # `any`, conditions, evidence
        page.add(line, indent=BODY, hang=more)
    if f.status is not Status.WAIVED:
        page.add([("→ ", "bold"), (clean(f.remediation.get(lang)), "")], indent=BODY, hang=more)
    if f.waiver is not None:
        w = f.waiver
        text = (
            f"{t('waived_by', lang)}: {w.id} — {w.justification} "
            f"({w.approver}, {w.approved_on} – {w.expires_on})"
        )
        if w.scope:
            text += f" [{t('waiver_scope', lang)}: {w.scope}]"
        page.add([(clean(text), "cyan")], indent=BODY, hang=more)
    refs = "; ".join(
        " ".join(x for x in (r.source, r.edition, r.section) if x) for r in f.references
    )
    basis = t("provenance." + f.provenance.value, lang)
    page.add([(f"{t('references', lang)}: {clean(refs)} · {basis}", "dim")], BODY, more)
    where = f"{clean(f.location.file)}:{f.location.line}:{f.location.col}"
    page.add([(where, "dim")], indent=BODY, hang=more)


def findings(page: Page, r: Report, lang: Lang, *, show_waived: bool) -> None:
    """The open (and waived) findings, one block each."""
    shown = [
        f
        for f in r.findings
        if f.status in SHOWN and (show_waived or f.status is not Status.WAIVED)
    ]
    page.add([(t("findings", lang), "bold")])
    if not shown:
        page.add([(t("no_findings", lang), "green")], indent=2)
    for f in shown:
        _finding(page, f, lang)
    hidden = 0 if show_waived else r.count(Status.WAIVED)
    if hidden:
        page.add([(t("waived_hidden", lang, count=hidden), "cyan")], indent=2)


def footer(page: Page, r: Report, lang: Lang) -> None:
    """The summary line, one line per rule the configuration disabled, the edition note."""
    parts = [f"{t('status.' + s.value, lang)} {r.count(s)}" for s in Status if r.count(s)]
    page.add([(f"{t('summary', lang)}: " + " · ".join(parts), "bold")], hang=2)
    for d in r.disabled_rules:
        text = f"{t('disabled_rules', lang)}: {clean(d.rule_id)} — {clean(d.reason)} ({clean(d.source)})"
        page.add([(text, "")], hang=2)
    page.add([(t("edition_note", lang), "dim")])


def notices(page: Page, r: Report, lang: Lang) -> None:
    """Waivers that matched nothing, expire soon, or overlap: one line each, with their source."""
    if not r.waiver_notices:
        return
    page.add([(t("waiver_notices", lang), "bold yellow")])
    id_w = max(cell_len(f"  ! {clean(n.waiver_id)}") for n in r.waiver_notices)
    side = id_w + 1 <= page.width // 3
    for n in r.waiver_notices:
        text = f"{clean(n.rule_id)}: {t('notice.' + n.kind, lang)}"
        if n.other:
            text += f" ({clean(', '.join(n.other))})"
        when = f"  {t('expires_on', lang)} {clean(n.expires_on)}  {clean(n.source)}"
        head = (f"  ! {clean(n.waiver_id)}", "yellow")
        if side:
            page.columns(
                [[head], [(text, ""), (when, "dim")]], [id_w, page.width - id_w - 1], gap=1
            )
        else:
            page.add([head])
            page.add([(text, ""), (when, "dim")], indent=6)
    page.blank()
