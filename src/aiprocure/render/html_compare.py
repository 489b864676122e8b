"""The bidder comparison as a printable HTML page (``aiprocure compare --format html``): the grid
of ``caio.compare`` (escaped here like every vendor text), then a chart of the category scores with
the bidders side by side per concern (inline SVG bars, no script), printed on A4 with page numbers;
a table row is never split across pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aiprocure.model.common import Lang
from aiprocure.model.findings import Report, RiskLevel
from aiprocure.render.html import common, environment
from aiprocure.render.safe import clean

BIDDERS_PER_PART = 6  # columns of bidders on one A4 landscape page; more get several parts


@dataclass(frozen=True)
class Cell:
    score: int
    risk: RiskLevel


@dataclass(frozen=True)
class ChartRow:
    concern: str
    cells: list[Cell | None]


@dataclass(frozen=True)
class Part:
    """Some bidders (``first`` to ``last`` of ``total``): their grid and their chart."""

    first: int
    last: int
    total: int
    header: list[str]
    rows: list[tuple[str, list[str]]]
    chart: list[ChartRow]


def render(
    title: str,
    header: Sequence[str],
    rows: Sequence[tuple[str, Sequence[str]]],
    reports: Sequence[Report],
    lang: Lang,
) -> str:
    return (
        environment()
        .get_template("compare.html.j2")
        .render(
            title=_line(title),
            parts=parts(header, rows, reports, lang),
            **common(lang),
        )
    )


def parts(
    header: Sequence[str],
    rows: Sequence[tuple[str, Sequence[str]]],
    reports: Sequence[Report],
    lang: Lang,
) -> list[Part]:
    """The grid and the chart, ``BIDDERS_PER_PART`` bidders at a time (each part with the item
    column), vendor text on one line and cleaned."""
    total = len(reports)
    out = []
    for start in range(0, max(total, 1), BIDDERS_PER_PART):
        stop = min(start + BIDDERS_PER_PART, total)
        out.append(
            Part(
                first=start + 1,
                last=stop,
                total=total,
                header=[_line(h) for h in [header[0], *header[1 + start : 1 + stop]]],
                rows=[
                    (_line(label), [_line(c) for c in cells[start:stop]]) for label, cells in rows
                ],
                chart=chart(reports[start:stop], _concerns(reports, lang)),
            )
        )
    return out


def _concerns(reports: Sequence[Report], lang: Lang) -> dict[str, str]:
    """Every concern any report scores, in the order the reports first name them."""
    titles: dict[str, str] = {}
    for r in reports:
        for c in r.categories:
            titles.setdefault(c.category, c.title.get(lang))
    return titles


def chart(reports: Sequence[Report], concerns: dict[str, str]) -> list[ChartRow]:
    """Per concern, each bidder's score and risk (None: the bidder's report has no such score)."""
    rows = []
    for key, title in concerns.items():
        cells: list[Cell | None] = []
        for r in reports:
            score = next((c for c in r.categories if c.category == key), None)
            cells.append(None if score is None else Cell(score.score, score.risk))
        rows.append(ChartRow(_line(title), cells))
    return rows


def _line(text: str) -> str:
    return " ".join(clean(text).split())
