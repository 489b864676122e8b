"""Bidders side by side: risk, review, category scores, open counts and key declared facts.

Pure: ``(bidders, lang, format) -> str``. Vendor text is escaped for every format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, assert_never

from aiprocure.caio.tables import grid_csv, grid_markdown, grid_terminal
from aiprocure.caio.text import tc
from aiprocure.model.common import Lang
from aiprocure.model.fields import value_at
from aiprocure.model.findings import Report, Status
from aiprocure.model.value_names import value_name

KEY_FACTS = (
    "data_locations.storage",
    "data_locations.processing",
    "data_locations.backup",
    "data_locations.logs",
    "foreign_law.subject_to",
    "security.ismap",
    "training_use.customer_data",
    "exit.export_formats",
    "exit.export_contents",
    "exit.transition_support_months",
    "contract.governing_law",
    "contract.court_country",
    "contract.court",
)


class CompareFormat(StrEnum):
    TERMINAL = "terminal"
    MARKDOWN = "markdown"
    HTML = "html"
    CSV = "csv"


@dataclass(frozen=True)
class Bidder:
    report: Report
    facts: dict[str, Any]  # the declaration as data (model_dump, mode json, no None)


def fact(data: dict[str, Any], path: str) -> Any:
    """The declared value at ``path`` (None when unanswered)."""
    return value_at(data, path)


def show(value: Any, lang: Lang, path: str = "") -> str:
    """A declared value as readable text: named values by their names (``model.value_names``)."""
    if value is None:
        return tc("not_answered", lang)
    if isinstance(value, list) and not value:
        return "—"
    return value_name(path, value, lang.value)


def rows(bidders: Sequence[Bidder], lang: Lang) -> tuple[list[str], list[tuple[str, list[str]]]]:
    header = [tc("item", lang)] + [
        f"{b.report.subject.vendor or '—'} / {b.report.subject.system or '—'}" for b in bidders
    ]
    out: list[tuple[str, list[str]]] = []
    reports = [b.report for b in bidders]
    out.append((tc("declaration", lang), [r.subject.declaration for r in reports]))
    out.append((tc("risk_level", lang), [tc(f"risk.{r.risk_level}", lang) for r in reports]))
    out.append(
        (
            tc("verdict.determination", lang),
            [tc(f"determination.{r.determination.state.value}", lang) for r in reports],
        )
    )
    out.append(
        (
            tc("review", lang),
            [tc("review_yes" if r.review_required else "review_no", lang) for r in reports],
        )
    )
    out.append(
        (
            tc("flags", lang),
            [", ".join(f.source_id for f in r.review_flags) or "—" for r in reports],
        )
    )
    titles: dict[str, str] = {}
    for r in reports:
        for c in r.categories:
            titles.setdefault(c.category, c.title.get(lang))
    for cat, title in titles.items():
        cells = []
        for r in reports:
            score = next((c for c in r.categories if c.category == cat), None)
            cells.append(
                "—" if score is None else f"{score.score} ({tc(f'risk.{score.risk}', lang)})"
            )
        out.append((f"{tc('score', lang)}: {title}", cells))
    for key, status in (
        ("open_fail", Status.FAIL),
        ("open_unanswered", Status.UNANSWERED),
        ("open_unverified", Status.UNVERIFIED),
        ("waived_count", Status.WAIVED),
    ):
        out.append((tc(key, lang), [str(r.count(status)) for r in reports]))
    for path in KEY_FACTS:
        out.append(
            (tc(f"fact.{path}", lang), [show(fact(b.facts, path), lang, path) for b in bidders])
        )
    return header, out


def render_compare(
    bidders: Sequence[Bidder], lang: Lang, fmt: CompareFormat, *, width: int = 100
) -> str:
    header, body = rows(bidders, lang)
    title = tc("compare_title", lang)
    if fmt is CompareFormat.MARKDOWN:
        return grid_markdown(title, header, body)
    if fmt is CompareFormat.HTML:
        from aiprocure.render import html_compare  # Jinja2 only when HTML is asked for

        return html_compare.render(title, header, body, [b.report for b in bidders], lang)
    if fmt is CompareFormat.CSV:
        return grid_csv(header, body)
    if fmt is CompareFormat.TERMINAL:
        return _terminal(header, body, lang, width)
    return assert_never(fmt)


# A terminal table gives each bidder a column at least this wide (besides the item column); more
# bidders than fit are shown in several tables of the same rows, each with the item column (a table
# of 32 columns in 100 was squeezed to nothing).
_MIN_COLUMN = 14
_ITEM_COLUMN = 28


def bidders_per_table(width: int) -> int:
    return max(1, (width - _ITEM_COLUMN) // _MIN_COLUMN)


def _terminal(header: list[str], body: list[tuple[str, list[str]]], lang: Lang, width: int) -> str:
    total = len(header) - 1
    per = bidders_per_table(width)
    if total <= per:
        return grid_terminal(tc("compare_title", lang), header, body, width=width)
    parts = []
    for start in range(0, total, per):
        stop = min(start + per, total)
        title = tc("compare_part", lang, first=start + 1, last=stop, total=total)
        part_header = [header[0], *header[1 + start : 1 + stop]]
        part_body = [(label, cells[start:stop]) for label, cells in body]
        parts.append(grid_terminal(title, part_header, part_body, width=width))
    return "\n".join(parts)
