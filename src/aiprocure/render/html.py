"""A self-contained, printable HTML report for CAIO review meetings.

One file with no external assets and no scripts: inline CSS (with ``@media print``), the category
scores as an inline SVG bar chart, and a Content-Security-Policy that forbids scripts even if some
text were ever to escape. The Jinja2 template (``templates/report.html.j2``, shipped as package
data) is rendered with autoescape on; vendor text additionally goes through ``safe.clean``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from aiprocure.model.common import Lang
from aiprocure.model.findings import CategoryScore, Observed, Report, RiskLevel, Status
from aiprocure.model.value_names import value_name
from aiprocure.render import verdicts
from aiprocure.render.i18n import t
from aiprocure.render.safe import clean

BAR_WIDTH = 360  # px of a 100 score in the chart
ROW_HEIGHT = 26
LABEL_WIDTH = 300


@dataclass(frozen=True)
class Bar:
    label: str
    score: int
    risk: RiskLevel
    y: int
    width: int


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("aiprocure.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["clean"] = clean
    env.filters["value"] = _value
    return env


def render(reports: Sequence[Report], lang: Lang) -> str:
    template = _environment().get_template("report.html.j2")
    return template.render(
        reports=reports,
        lang=lang,
        t=lambda key, **kw: t(key, lang, **kw),
        verdicts=verdicts,
        bars=lambda r: _bars(r.categories, lang),
        chart=lambda r: {
            "width": LABEL_WIDTH + BAR_WIDTH + 60,
            "height": ROW_HEIGHT * max(len(r.categories), 1) + 8,
            "label_width": LABEL_WIDTH,
            "bar_width": BAR_WIDTH,
            "row_height": ROW_HEIGHT,
        },
        open_findings=lambda r: [f for f in r.findings if f.status is not Status.PASS],
        passed=lambda r: [f for f in r.findings if f.status is Status.PASS],
    )


def _bars(categories: Sequence[CategoryScore], lang: Lang) -> list[Bar]:
    return [
        Bar(
            label=c.title.get(lang),
            score=c.score,
            risk=c.risk,
            y=4 + i * ROW_HEIGHT,
            width=round(BAR_WIDTH * c.score / 100),
        )
        for i, c in enumerate(categories)
    ]


def _value(value: Observed) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value) if value else "[]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return clean(value_name("", value, "en"))  # an object as `key: value` pairs, not JSON
