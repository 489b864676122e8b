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

from bisect import insort
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial

from aiprocure.model.checklist import Severity
from aiprocure.model.common import Lang
from aiprocure.model.findings import AcceptanceCondition, Finding, Location, Report, Status
from aiprocure.model.findings import Notice as ReportNotice
from aiprocure.render import conditions as acc
from aiprocure.render import verdicts
from aiprocure.render.i18n import t
from aiprocure.render.options import Notice, RenderOptions
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


def render(reports: Sequence[Report], lang: Lang, *, options: RenderOptions | None = None) -> str:
    """The annotations, most severe first: files that could not be read, errors, warnings, then
    notices. GitHub shows at most 10 annotations of each kind per step: beyond
    ``options.max_annotations`` a kind's annotations become one plain log line per file, and a
    last line sums everything up."""
    annotations = Annotations(lang, options)
    for report in reports:
        annotations.add(report)
    return annotations.text()


class Annotations:
    """The annotations of a batch, a report at a time, keeping only what the output shows: the
    first ``max_annotations`` of each kind in their order (an annotation's text is made only if
    it is among them so far) and a count per kind and file of the rest. ``text`` gives what
    ``render`` would for the same reports."""

    def __init__(self, lang: Lang, options: RenderOptions | None = None) -> None:
        self.lang, self.opts = lang, options or RenderOptions()
        self.limit = self.opts.max_annotations
        # per kind: (order, text), sorted; the order is (rank, file, line, arrival): the sort of
        # the whole batch, stable
        self.kept: tuple[list[tuple[tuple[int, str, int, int], str]], ...] = ([], [], [])
        self.per_file: tuple[dict[str, int], ...] = ({}, {}, {})  # per kind: file -> count
        self.seen = 0

    def _offer(self, kind: int, rank: int, file: str, line: int, make: Callable[[], str]) -> None:
        counts = self.per_file[kind]
        counts[file] = counts.get(file, 0) + 1
        key = (rank, file, line, self.seen)
        self.seen += 1
        kept = self.kept[kind]
        if self.limit is None or len(kept) < self.limit or key < kept[-1][0]:
            insort(kept, (key, make()))  # keys are unique (arrival): texts are never compared
            if self.limit is not None and len(kept) > self.limit:
                kept.pop()

    def add(self, report: Report) -> None:
        lang = self.lang
        for f in report.findings:
            if f.status in ANNOTATED:
                kind = COMMANDS[f.severity]
                loc = f.location
                make = partial(_finding, f, kind, lang)
                self._offer(KINDS.index(kind), -f.severity.rank, loc.file, loc.line, make)
        for flag in report.review_flags:  # raised and undetermined viewpoints block: errors
            if flag.kind == "high_risk_viewpoint":
                title = f"{flag.source_id} {t('review_required', lang)}"
                level = "error"
            elif flag.kind == "undetermined_viewpoint":
                title = f"{flag.source_id} ({t('determination.undetermined', lang)})"
                level = "warning" if verdicts.warns_only(report) else "error"
            else:
                continue
            loc = flag.location
            make = partial(_at, level, flag.reason.get(lang), loc.file, loc.line, loc.col, title)
            self._offer(KINDS.index(level), -50, loc.file, loc.line, make)
        file = report.subject.declaration
        notice = KINDS.index("notice")
        for c in report.acceptance_conditions:  # a notice per condition of acceptance, at it
            self._offer(notice, 0, file, c.line, partial(_condition, c, file, lang))
        # an old declaration, old evidence (undated entries and undeclared digests stay in the
        # other formats: GitHub shows 10 notices a step, and the conditions come first)
        for n in (n for n in report.notices if n.kind in ("declaration_old", "evidence_old")):
            self._offer(notice, 0, file, n.line, partial(_notice, n, file, lang))
        self._offer(notice, 0, file, 0, partial(_summary, report, lang))

    def problem(self, p: Notice) -> None:
        """A file that could not be assessed: an error before every other (at its position)."""
        title = f"aiprocure {t('ci.input_error', self.lang)}"
        make = partial(_at, "error", p.text(self.lang), p.path, p.line, p.col, title)
        self._offer(0, -99, p.path, p.line, make)

    def text(self) -> str:
        for p in self.opts.problems:
            self.problem(p)
        self.opts = replace(self.opts, problems=())  # told once
        out = [text for kept in self.kept for _, text in kept]
        shown: dict[tuple[int, str], int] = {}
        for kind, kept in enumerate(self.kept):
            for (_, file, _, _), _ in kept:
                shown[(kind, file)] = shown.get((kind, file), 0) + 1
        more = {
            (kind, file): n - shown.get((kind, file), 0)
            for kind, per_file in enumerate(self.per_file)
            for file, n in per_file.items()
            if n > shown.get((kind, file), 0)
        }
        if more:
            lang = self.lang
            for kind, file in sorted(more):
                out.append(
                    clean(
                        f"aiprocure: {KINDS[kind]}: "
                        + t("ci.more_annotations", lang).format(file=file, count=more[(kind, file)])
                    )
                )
            counts = {KINDS[kind]: sum(n.values()) for kind, n in enumerate(self.per_file)}
            summary = t("ci.annotation_summary", lang).format(cut=sum(more.values()), **counts)
            out.append(clean("aiprocure: " + summary))
        return "".join(line + "\n" for line in out)


def _finding(f: Finding, kind: str, lang: Lang) -> str:
    status = t(f"status.{f.status}", lang)
    severity = t(f"severity.{f.severity}", lang)
    message = (
        f"[{status}/{severity}] {f.message.get(lang)}\n"
        f"{t('remediation', lang)}: {f.remediation.get(lang)}"
    )
    for c in f.conditions:
        message += f"\n{t('acc.condition', lang)}: {acc.condition_line(c, lang)}"
    title = f"{f.rule_id} {f.title.get(lang)}"
    return command(kind, message, **_where(f.location), title=title)


def _at(name: str, message: str, file: str, line: int, col: int, title: str) -> str:
    return command(name, message, file=file, line=str(line), col=str(col), title=title)


def _condition(c: AcceptanceCondition, file: str, lang: Lang) -> str:
    return _at("notice", acc.condition_line(c, lang), file, c.line, c.col, _condition_title(lang))


def _notice(n: ReportNotice, file: str, lang: Lang) -> str:
    return _at("notice", acc.notice_text(n, lang), file, n.line, n.col, "aiprocure")


def _summary(report: Report, lang: Lang) -> str:
    summary = f"{verdicts.risk_line(report, lang)}; {verdicts.determination_line(report, lang)}"
    subject = " / ".join(x for x in (report.subject.vendor, report.subject.system) if x)
    return command(
        "notice",
        f"{subject}: {summary}" if subject else summary,
        file=report.subject.declaration,
        title=f"aiprocure {report.subject.declaration}",
    )


def _condition_title(lang: Lang) -> str:
    return f"aiprocure {t('acc.condition', lang)}"
