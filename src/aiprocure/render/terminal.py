"""Terminal report. Laid out for 80 columns first, using more when the console has them; every
text is wrapped by display cells (``render.terminal_text``), never cut. Vendor text is placed
after ``safe.clean`` has made control characters visible, and is never parsed as markup."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len

from aiprocure.model.common import Lang
from aiprocure.model.findings import DeterminationState as State
from aiprocure.model.findings import Report, RiskLevel, Status
from aiprocure.render import terminal_conditions, verdicts
from aiprocure.render.i18n import t
from aiprocure.render.safe import clean
from aiprocure.render.terminal_parts import findings, footer, notices
from aiprocure.render.terminal_text import Line, Page, Piece, to_text

# One meaning, one colour: a risk level's colour, used by its label and by its score bar alike.
RISK_COLOUR = {
    RiskLevel.LOW: "green",
    RiskLevel.MEDIUM: "yellow",
    RiskLevel.HIGH: "red",
    RiskLevel.CRITICAL: "red",
}
RISK_STYLE = {
    RiskLevel.LOW: "green",
    RiskLevel.MEDIUM: "yellow",
    RiskLevel.HIGH: "bold red",
    RiskLevel.CRITICAL: "bold white on red",
}
_STATE_STYLE = {
    State.RAISED: "bold red",
    State.INCOMPLETE: "bold yellow",
    State.NOT_RAISED: "green",
}


def _bar(score: int, risk: RiskLevel, width: int = 20) -> Piece:
    """A score bar in its risk level's colour (the label beside it says the same)."""
    filled = round(score * width / 100)
    return ("█" * filled + "░" * (width - filled), RISK_COLOUR[risk])


def _rule(page: Page, title: str) -> None:
    room = page.width - cell_len(title) - 2
    if room < 6:  # too narrow for a rule around the title: the title, then a rule
        page.add([(title, "bold")])
        page.lines.append([("─" * page.width, "bold")])
        return
    left = room // 2
    page.lines.append(
        [("─" * left + " ", "bold"), (title, "bold"), (" " + "─" * (room - left), "bold")]
    )


def _labelled(page: Page, rows: Sequence[tuple[str, Sequence[Piece]]]) -> None:
    """Label and value side by side; the label above its value when the labels are too wide."""
    label_w = max(cell_len(label) for label, _ in rows)
    if page.width - label_w - 2 < page.width // 2:
        for label, value in rows:
            if label:
                page.add([(label, "bold")])
            page.add(value, indent=2)
        return
    for label, value in rows:
        page.columns([[(label, "bold")], value], [label_w, page.width - label_w - 2])


def _header(page: Page, r: Report, lang: Lang) -> None:
    vendor: list[Piece] = [(clean(r.subject.vendor or "—"), "")]
    if r.subject.corporate_number:
        number = f"  ({t('corporate_number', lang)} {clean(r.subject.corporate_number)})"
        vendor.append((number, "dim"))
    rows: list[tuple[str, Sequence[Piece]]] = [
        (t("vendor", lang), vendor),
        (t("system", lang), [(clean(r.subject.system or "—"), "")]),
        (t("declaration", lang), [(clean(r.subject.declaration or "—"), "")]),
    ]
    # The two verdicts, each with its reason (docs/verdicts.md section 3).
    risk = (verdicts.risk_word(r, lang).upper(), RISK_STYLE[r.risk_level])
    reason = f"  ({clean(verdicts.risk_reason(r, lang))})"
    rows.append((t("verdict.risk", lang), [risk, (reason, "dim")]))
    if r.risk.escalations:  # escalations of the compliance verdict, under its line
        ids = ", ".join(dict.fromkeys(e.rule for e in r.risk.escalations))
        rows.append(("", [(f"⚑ {t('escalations', lang)}: {ids}", "bold red")]))
    det = r.determination
    state = (verdicts.state_word(det, lang).upper(), _STATE_STYLE[det.state])
    reason = f"  ({clean(verdicts.determination_reason(det, lang))})"
    rows.append((t("verdict.determination", lang), [state, (reason, "dim")]))
    if verdicts.warns_only(r):
        rows.append(("", [(t("determination_warn", lang), "yellow")]))
    if r.review_required:
        rows.append(("", [("⚑ " + t("review_required", lang), "bold red")]))
    if r.generated_at:
        rows.append((t("generated_at", lang), [(clean(r.generated_at), "")]))
    _labelled(page, rows)


def _flags(page: Page, r: Report, lang: Lang) -> None:
    if not r.review_flags:
        return
    page.add([(t("review_flags", lang), "bold red")])
    id_w = max(cell_len(f"  ⚑ {f.source_id}") for f in r.review_flags)
    side = id_w + 1 <= page.width // 3
    for flag in r.review_flags:
        where = f"  {clean(flag.location.file)}:{flag.location.line}:{flag.location.col}"
        reason: Line = [(clean(flag.reason.get(lang)), ""), (where, "dim")]
        head = (f"  ⚑ {flag.source_id}", "bold red")
        if side:
            page.columns([[head], reason], [id_w, page.width - id_w - 1], gap=1)
        else:
            page.add([head])
            page.add(reason, indent=6)
    page.blank()


def _mark(high: bool | None, lang: Lang) -> Piece:
    if high:
        return ("⚑ " + t("high_side", lang), "bold red")
    return ("—", "green") if high is False else ("?", "yellow")


def _high_risk(page: Page, r: Report, lang: Lang) -> None:
    hr = r.high_risk
    if hr is None:
        return
    rule = (
        t("aggregation_any", lang)
        if hr.mode == "any"
        else t("aggregation_at_least", lang, count=hr.count)
    )
    if hr.provenance == "tool":
        rule += f" ({t('tool_default', lang)})"
    page.add([(clean(hr.title.get(lang)), "bold"), (f"  — {rule}", "dim")], hang=2)
    rows = []
    for v in hr.viewpoints:
        label = (
            (clean(v.label.get(lang)), "") if v.label else (t("status.unanswered", lang), "yellow")
        )
        rows.append(((f"{v.id} {clean(v.title.get(lang))}", ""), label, _mark(v.high, lang)))
    name_w = max([cell_len(t("viewpoint", lang)), *(cell_len(n[0]) for n, _, _ in rows)])
    mark_w = max((cell_len(m[0]) for _, _, m in rows), default=1)
    level_w = max([cell_len(t("level", lang)), *(cell_len(lv[0]) for _, lv, _ in rows)])
    room = page.width - name_w - mark_w - 4
    if room >= min(level_w, 40):  # a table: viewpoint, level, mark
        widths = [name_w, min(level_w, room), mark_w]
        page.columns([[(t("viewpoint", lang), "")], [(t("level", lang), "")], []], widths)
        page.lines.append([("─" * (sum(widths) + 4), "")])
        for name, label, mark in rows:
            page.columns([[name], [label], [mark]], widths)
    else:  # stacked: the viewpoint, then its level after its mark
        for name, label, mark in rows:
            page.add([name], indent=2, hang=4)
            page.add([mark, ("  ", ""), label], indent=4, hang=6)
    if hr.undetermined:
        page.add([("? " + t("undetermined", lang), "yellow")], hang=2)
    page.blank()


def _categories(page: Page, r: Report, lang: Lang) -> None:
    page.add([(t("categories", lang), "bold")])
    rows = []
    for c in r.categories:
        counts = "  ".join(
            f"{t('status.' + s.value, lang)} {n}"
            for s, n in c.counts.items()
            if n and s is not Status.PASS
        )
        risk = (t(f"risk.{c.risk}", lang), RISK_STYLE[c.risk])
        status = (counts or "✓", "dim" if counts else "green")
        rows.append(((clean(c.title.get(lang)), ""), c.score, c.risk, risk, status))
    name_w = max([cell_len(t("category", lang)), *(cell_len(row[0][0]) for row in rows)])
    risk_w = max([cell_len(t("risk", lang)), *(cell_len(row[3][0]) for row in rows)])
    status_w = max([cell_len(t("status", lang)), *(cell_len(row[4][0]) for row in rows)])
    score_w = max(3, cell_len(t("score", lang)))
    fixed = score_w + risk_w + 6  # score, bar and risk columns, with their gaps
    spare = page.width - (name_w + fixed + 2 + status_w)  # for the bar, on one line
    one_line = spare >= 10
    if one_line:
        bar_w = min(20, spare)
        widths = [name_w, -score_w, bar_w, risk_w, status_w]
    else:  # the status under each row; the bar and the name share what is left
        fixed += 3  # room for a ✓ beside the risk
        bar_w = max(10, min(20, page.width - fixed - name_w))
        bar_w = max(min(bar_w, page.width - fixed - 12), 4)  # a name column of 12 at least
        widths = [min(name_w, page.width - fixed - bar_w), -score_w, bar_w, risk_w + 3]
    heads = [t("category", lang), t("score", lang), "", t("risk", lang), t("status", lang)]
    page.columns([[(h, "")] for h in heads[: len(widths)]], widths)
    page.lines.append([("─" * (sum(abs(w) for w in widths) + 2 * len(widths) - 2), "")])
    for name, score, level, risk, status in rows:
        cells = [[name], [(str(score), "")], [_bar(score, level, bar_w)], [risk], [status]]
        if not one_line and status[0] == "✓":  # nothing to list under the row: ✓ beside it
            cells[3] = [risk, ("  ✓", "green")]
        page.columns(cells[: len(widths)], widths)
        if not one_line and status[0] != "✓":
            page.add([status], indent=4, hang=4)
    page.blank()


def lines(report: Report, lang: Lang, *, width: int = 100, show_waived: bool = True) -> list[Line]:
    """One report as styled lines at most ``width`` cells wide."""
    page = Page(width)
    _rule(page, t("report_title", lang))
    _header(page, report, lang)
    page.blank()
    _flags(page, report, lang)
    _high_risk(page, report, lang)
    _categories(page, report, lang)
    notices(page, report, lang)
    terminal_conditions.section(page, report, lang)  # conditions of acceptance, notices
    findings(page, report, lang, show_waived=show_waived)
    page.blank()
    footer(page, report, lang)
    return page.lines


def render(
    reports: Sequence[Report],
    lang: Lang,
    *,
    width: int = 100,
    color: bool = False,
    show_waived: bool = True,
) -> str:
    out: list[Line] = []
    for i, report in enumerate(reports):
        if i:
            out.append([])
        out += lines(report, lang, width=width, show_waived=show_waived)
    return to_text(out, color)
