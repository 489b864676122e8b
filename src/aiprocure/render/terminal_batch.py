"""The terminal view of a batch: one summary line per declaration, then the full reports asked for.

A full terminal report is some hundred lines; a directory of a thousand declarations is not read
that way. When a run checks more than one declaration, the console shows (``--details``):

* a summary table, one line per file in input order: the gate (fail or pass), the compliance risk,
  the high-risk determination, the counts of open and waived findings, and the file;
* the gate line (as ``--compact`` ends);
* then the full report (``render.terminal``) of each file the table says to detail: ``failing``
  (the files that fail the gate), ``all`` or ``none``. By default (``auto``) a single declaration
  gets its full report as before, and a batch the reports of its first ``AUTO_LIMIT`` failing
  files, with a line saying how many more fail and how to see them.

Rows are plain data (``Row``), built as reports arrive, so a caller need not keep the reports;
the table is laid out once every row is known. Vendor text (the file name) goes through
``safe.clean`` as everywhere; colour, when asked for, is a few fixed SGR codes around fixed words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from aiprocure.model.common import Lang
from aiprocure.model.findings import DeterminationState, Report, RiskLevel, Status
from aiprocure.render.i18n import t
from aiprocure.render.safe import clean

AUTO_LIMIT = 10  # failing files whose full report a batch shows by default


class Details(StrEnum):
    """Which files of a batch get their full report after the summary table."""

    AUTO = "auto"  # one file: its report; a batch: the first AUTO_LIMIT failing files
    ALL = "all"
    FAILING = "failing"
    NONE = "none"


def wants_details(details: Details, fails: bool, shown_failing: int) -> bool:
    """Should a file get its full report? ``shown_failing``: failing files already detailed."""
    if details is Details.ALL:
        return True
    if details is Details.NONE or not fails:
        return False
    return details is Details.FAILING or shown_failing < AUTO_LIMIT


COUNTED = (Status.FAIL, Status.UNANSWERED, Status.UNVERIFIED, Status.WAIVED)


@dataclass(frozen=True, slots=True)
class Row:
    """One declaration's line of the summary table."""

    file: str
    fails: bool
    risk: RiskLevel
    state: DeterminationState
    counts: tuple[int, ...]  # fail, unanswered, unverified, waived

    @classmethod
    def of(cls, report: Report, *, fails: bool) -> Row:
        tally = dict.fromkeys(COUNTED, 0)
        for f in report.findings:
            if f.status in tally:
                tally[f.status] += 1
        return cls(
            file=report.subject.declaration,
            fails=fails,
            risk=report.risk.level,
            state=report.determination.state,
            counts=tuple(tally.values()),
        )


_RED, _GREEN, _YELLOW, _BOLD, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[1m", "\x1b[0m"
_RISK_COLOUR = {
    RiskLevel.LOW: _GREEN,
    RiskLevel.MEDIUM: _YELLOW,
    RiskLevel.HIGH: _RED,
    RiskLevel.CRITICAL: _BOLD + _RED,
}
_STATE_COLOUR = {
    DeterminationState.RAISED: _RED,
    DeterminationState.INCOMPLETE: _YELLOW,
    DeterminationState.NOT_RAISED: _GREEN,
}


def _pad(text: str, width: int, *, right: bool = False) -> str:
    from rich.cells import cell_len  # rich: imported by the terminal formats only

    room = " " * (width - cell_len(text))
    return room + text if right else text + room


def summary(rows: Sequence[Row], lang: Lang, *, color: bool = False) -> str:
    """The table and the gate line (each line ends with a newline)."""
    fail_word, pass_word = t("batch.fail", lang).upper(), t("batch.pass", lang)
    header = [
        t("batch.gate", lang),
        t("verdict.risk", lang),
        t("verdict.determination", lang),
        *(t(f"status.{s.value}", lang) for s in COUNTED),
    ]
    cells = [
        [
            fail_word if row.fails else pass_word,
            t(f"risk.{row.risk.value}", lang),
            t(f"determination.{row.state.value}", lang),
            *(str(n) for n in row.counts),
        ]
        for row in rows
    ]
    from rich.cells import cell_len

    widths = [max(cell_len(c[i]) for c in [header, *cells]) for i in range(len(header))]
    lines = [
        "  ".join(
            _pad(h, w, right=i > 2) for i, (h, w) in enumerate(zip(header, widths, strict=True))
        )
    ]
    lines[0] += "  " + t("batch.file", lang)
    if color:
        lines[0] = _BOLD + lines[0] + _RESET
    for row, cell in zip(rows, cells, strict=True):
        padded = [
            _pad(c, w, right=i > 2) for i, (c, w) in enumerate(zip(cell, widths, strict=True))
        ]
        if color:
            padded[0] = (_RED + _BOLD if row.fails else _GREEN) + padded[0] + _RESET
            padded[1] = _RISK_COLOUR[row.risk] + padded[1] + _RESET
            padded[2] = _STATE_COLOUR[row.state] + padded[2] + _RESET
        lines.append("  ".join(padded) + "  " + clean(row.file))
    failed = sum(1 for row in rows if row.fails)
    if failed:
        lines.append(t("ci.gate_fail", lang).format(failed=failed, files=len(rows)))
    else:
        lines.append(t("ci.gate_pass", lang).format(files=len(rows)))
    return "".join(line + "\n" for line in lines)


def render(
    rows: Sequence[Row],
    details: Sequence[str],
    lang: Lang,
    *,
    hidden: int = 0,
    color: bool = False,
) -> str:
    """The batch view: the summary of ``rows``, then the full reports already rendered
    (``details``, each as ``render.terminal`` wrote it), and a note when ``hidden`` failing files
    were left out (``--details auto``)."""
    parts = [summary(rows, lang, color=color)]
    if hidden:
        parts.append(t("batch.hidden", lang, count=hidden) + "\n")
    return "\n".join(parts) + "".join("\n" + detail for detail in details)
