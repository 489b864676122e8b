"""GitHub Actions workflow commands: annotations on the declaration in the pull request's diff.

``::error file=F,line=L,col=C,title=T::message`` per non-passing finding. The command's level
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

from aiprocure.model.checklist import Severity
from aiprocure.model.common import Lang
from aiprocure.model.findings import Location, Report, Status
from aiprocure.render import verdicts
from aiprocure.render.i18n import t
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


def render(reports: Sequence[Report], lang: Lang) -> str:
    lines: list[str] = []
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
            title = f"{f.rule_id} {f.title.get(lang)}"
            lines.append(command(COMMANDS[f.severity], message, **_where(f.location), title=title))
        for flag in report.review_flags:  # raised and undetermined viewpoints block: errors
            if flag.kind == "high_risk_viewpoint":
                title = f"{flag.source_id} {t('review_required', lang)}"
                lines.append(
                    command("error", flag.reason.get(lang), **_where(flag.location), title=title)
                )
            elif flag.kind == "undetermined_viewpoint":
                title = f"{flag.source_id} ({t('determination.undetermined', lang)})"
                level = "warning" if verdicts.warns_only(report) else "error"
                lines.append(
                    command(level, flag.reason.get(lang), **_where(flag.location), title=title)
                )
        summary = f"{verdicts.risk_line(report, lang)}; {verdicts.determination_line(report, lang)}"
        subject = " / ".join(x for x in (report.subject.vendor, report.subject.system) if x)
        lines.append(
            command(
                "notice",
                f"{subject}: {summary}" if subject else summary,
                file=report.subject.declaration,
                title=f"aiprocure {report.subject.declaration}",
            )
        )
    return "".join(line + "\n" for line in lines)
