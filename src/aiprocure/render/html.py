"""A self-contained, printable HTML report: the CAIO's meeting pack.

One file with no external assets and no scripts: inline CSS (``templates/_style.css``, shared with
the bidder comparison), printed on A4 with page numbers and the vendor and system in a running
header (CSS paged media: one named page per declaration), the category scores as inline SVG bars,
and a Content-Security-Policy that forbids scripts even if some text were ever to escape. Each
declaration opens with an overview a CAIO reads in a minute (the two verdicts, the review flags
with their reasons, counts by status, the conditions of acceptance, the declaration's date and
digest); the details follow on the next page. The Jinja2 templates are shipped as package data
and rendered with autoescape on; vendor text additionally goes through ``safe.clean``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from aiprocure.model.common import Lang
from aiprocure.model.findings import Report, Status
from aiprocure.render import conditions as acc
from aiprocure.render import html_view as view
from aiprocure.render import verdicts
from aiprocure.render.i18n import t
from aiprocure.render.safe import clean


@cache
def environment() -> Environment:
    """The templates' environment (shared with ``html_compare``)."""
    env = Environment(
        loader=PackageLoader("aiprocure.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["clean"] = clean
    return env


def common(lang: Lang) -> dict[str, Any]:
    """What every template uses: phrases, page names, the running header's CSS string."""
    return {
        "lang": lang,
        "t": lambda key, **kw: t(key, lang, **kw),
        "css_string": view.css_string,
        "page_name": view.page_name,
        "running_header": view.running_header,
    }


def render(reports: Sequence[Report], lang: Lang) -> str:
    template = environment().get_template("report.html.j2")
    return template.render(
        reports=reports,
        verdicts=verdicts,
        counts=view.counts,
        digest=view.declaration_digest,
        declared_on=view.declared_on,
        acceptance=lambda r: view.acceptance_conditions(r, lang),
        tokyo_time=view.tokyo_time,
        category_title=lambda r, key: _category_title(r, key, lang),
        observed=lambda f, key, value: acc.observed_text(f, key, value, lang),
        unanswered_fields=lambda f: [k for k, v in f.observed.items() if v is None],
        open_findings=lambda r: [f for f in r.findings if f.status in view.OPEN_OR_WAIVED],
        listed=lambda r: [
            (s, [f for f in r.findings if f.status is s])
            for s in (Status.PASS, Status.NOT_APPLICABLE)
        ],
        **common(lang),
    )


def _category_title(report: Report, key: str, lang: Lang) -> str:
    return next((c.title.get(lang) for c in report.categories if c.category == key), key)
