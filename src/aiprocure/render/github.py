"""GitHub Actions workflow commands: annotations on the declaration in the pull request's diff.

``::error file=F,line=L,col=C,title=T::message`` per non-passing finding, most severe first, and
per file that could not be read (at its position). GitHub shows at most 10 annotations of each kind
per step, so beyond 10 of a kind the rest become one plain log line per file, then a summary line. The command's level
follows severity (critical and high -> error, medium -> warning, low and info -> notice); waived,
not_applicable and passing findings give no annotation. Each high-risk review flag from the
use-case sheet is a warning; a notice per declaration sums up the overall risk.

Escaping follows the runner's own ``toCommandValue``/``toCommandProperties``: in the message
``%`` and line breaks become ``%25`` and ``%0A`` (``\\r\\n`` and ``\\r`` count as one break); in
properties ``:`` and ``,`` also become ``%3A`` and ``%2C``. Other control characters (ANSI colour
codes would recolour the log) are first made visible by ``safe.clean`` (``\\x1b``), so vendor text
can neither start a new command nor end the property list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from aiprocure.model.checklist import Severity
from aiprocure.model.common import Lang
from aiprocure.model.findings import Location, Report, Status
from aiprocure.render import conditions as acc
from aiprocure.render import verdicts
from aiprocure.render.i18n import t
from aiprocure.render.options import RenderOptions
from aiprocure.render.safe import clean

COMMANDS: dict[Severity, str] = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "notice",
    Severity.INFO: "notice",
}
ANNOTATED = (Status.FAIL, Status.UNANSWERED, Status.UNVERIFIED)


def escape_data(text: str) -> str:
    text = clean(text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("%", "%25").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **props: str) -> str:
    rendered = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    return f"::{name}{' ' + rendered if rendered else ''}::{escape_data(message)}"


def _where(loc: Location) -> dict[str, str]:
    return {"file": loc.file, "line": str(loc.line), "col": str(loc.col)}


KINDS = ("error", "warning", "notice")


@dataclass(frozen=True, order=True)
class _Line:
    kind: int  # index in KINDS: errors first
    rank: int  # more severe first (negated severity rank)
    file: str
    line: int
    text: str = field(compare=False)


def render(reports: Sequence[Report], lang: Lang, *, options: RenderOptions | None = None) -> str:
    """The annotations, most severe first: files that could not be read, errors, warnings, then
    notices. GitHub shows at most 10 annotations of each kind per step: beyond
    ``options.max_annotations`` a kind's annotations become one plain log line per file, and a
    last line sums everything up."""
    opts = options or RenderOptions()
    lines: list[_Line] = []

    def add(kind: str, rank: int, loc: Location | None, file: str, text: str) -> None:
        lines.append(_Line(KINDS.index(kind), -rank, file, loc.line if loc else 0, text))

    for p in opts.problems:
        where = {"file": p.path, "line": str(p.line), "col": str(p.col)}
        text = command(
            "error", p.text(lang), **where, title=f"aiprocure {t('ci.input_error', lang)}"
        )
        lines.append(_Line(0, -99, p.path, p.line, text))
    for report in reports:
        for f in report.findings:
            if f.status not in ANNOTATED:
                continue
            status = t(f"status.{f.status}", lang)
            severity = t(f"severity.{f.severity}", lang)
            message = (
                f"[{status}/{severity}] {f.message.get(lang)}\n"
                f"{t('remediation', lang)}: {f.remediation.get(lang)}"
            )
            for c in f.conditions:
                message += f"\n{t('acc.condition', lang)}: {acc.condition_line(c, lang)}"
            title = f"{f.rule_id} {f.title.get(lang)}"
            kind = COMMANDS[f.severity]
            text = command(kind, message, **_where(f.location), title=title)
            add(kind, f.severity.rank, f.location, f.location.file, text)
        for flag in report.review_flags:  # raised and undetermined viewpoints block: errors
            if flag.kind == "high_risk_viewpoint":
                title = f"{flag.source_id} {t('review_required', lang)}"
                level = "error"
            elif flag.kind == "undetermined_viewpoint":
                title = f"{flag.source_id} ({t('determination.undetermined', lang)})"
                level = "warning" if verdicts.warns_only(report) else "error"
            else:
                continue
            text = command(level, flag.reason.get(lang), **_where(flag.location), title=title)
            add(level, 50, flag.location, flag.location.file, text)
        file = report.subject.declaration
        for c in report.acceptance_conditions:  # a notice per condition of acceptance, at it
            where = {"file": file, "line": str(c.line), "col": str(c.col)}
            text = command(
                "notice", acc.condition_line(c, lang), **where, title=_condition_title(lang)
            )
            lines.append(_Line(KINDS.index("notice"), 0, file, c.line, text))
        # an old declaration, old evidence (undated entries and undeclared digests stay in the
        # other formats: GitHub shows 10 notices a step, and the conditions come first)
        for n in (n for n in report.notices if n.kind in ("declaration_old", "evidence_old")):
            where = {"file": file, "line": str(n.line), "col": str(n.col)}
            text = command("notice", acc.notice_text(n, lang), **where, title="aiprocure")
            lines.append(_Line(KINDS.index("notice"), 0, file, n.line, text))
        summary = f"{verdicts.risk_line(report, lang)}; {verdicts.determination_line(report, lang)}"
        subject = " / ".join(x for x in (report.subject.vendor, report.subject.system) if x)
        text = command(
            "notice",
            f"{subject}: {summary}" if subject else summary,
            file=report.subject.declaration,
            title=f"aiprocure {report.subject.declaration}",
        )
        add("notice", 0, None, report.subject.declaration, text)
    return _limited(sorted(lines), opts.max_annotations, lang)


def _condition_title(lang: Lang) -> str:
    return f"aiprocure {t('acc.condition', lang)}"


def _limited(lines: list[_Line], limit: int | None, lang: Lang) -> str:
    out: list[str] = []
    shown = dict.fromkeys(KINDS, 0)
    counts = dict.fromkeys(KINDS, 0)
    more: dict[tuple[str, str], int] = {}
    for line in lines:
        kind = KINDS[line.kind]
        counts[kind] += 1
        if limit is None or shown[kind] < limit:
            shown[kind] += 1
            out.append(line.text)
        else:
            more[(kind, line.file)] = more.get((kind, line.file), 0) + 1
    if more:
        for kind, file in sorted(more, key=lambda k: (KINDS.index(k[0]), k[1])):
            count = more[(kind, file)]
            out.append(
                clean(
                    f"aiprocure: {kind}: "
                    + t("ci.more_annotations", lang).format(file=file, count=count)
                )
            )
        cut = sum(more.values())
        summary = t("ci.annotation_summary", lang).format(cut=cut, **counts)
        out.append(clean("aiprocure: " + summary))
    return "".join(line + "\n" for line in out)
