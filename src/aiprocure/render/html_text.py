"""Escaping and the fixed pieces of the HTML meeting pack's markup (``html_report``,
``html_findings``): every value is escaped as the templates' autoescape (``markupsafe.escape``)
wrote it, vendor text goes through ``safe.clean`` first, and texts that recur from report to
report (phrases, rule texts, the fixed table heads) are escaped once per run."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from markupsafe import escape

from aiprocure.model.common import Lang
from aiprocure.render.i18n import t
from aiprocure.render.safe import clean

COUNTED = ("fail", "unanswered", "unverified", "waived", "pass")


def esc(value: str) -> str:
    """``value`` as HTML text: ``&<>'"`` as entities, by ``markupsafe.escape`` (the templates'
    autoescape, which the compare page still uses)."""
    return str(escape(value))


@lru_cache(maxsize=1 << 14)
def text(value: str) -> str:
    """Vendor (or checklist) text: made visible (``safe.clean``), then escaped."""
    return esc(clean(value))


@lru_cache(maxsize=1024)
def phrase(key: str, lang: Lang) -> str:
    return esc(t(key, lang))


def cols(keys: Sequence[str], lang: Lang, cls: str = "") -> str:
    return "".join(f'<th scope="col"{cls}>{phrase(k, lang)}</th>' for k in keys)


@lru_cache(maxsize=4)
def pieces(lang: Lang) -> dict[str, str]:
    """The fixed pieces of markup in the run's language."""

    def small(key: str) -> str:
        return f'<p class="small"><span class="muted">{phrase(key, lang)}:</span>'

    statuses = cols([f"status.{s}" for s in COUNTED], lang, ' class="num"')
    acceptance = ("html.fact", "html.value", "html.when", "html.detail", "html.rules")
    return {
        "location": f'<p class="small muted">{phrase("location", lang)}: <code>',
        "observed": small("observed"),
        "not_answered": small("not_answered"),
        "evidence": small("evidence"),
        "waived_by": small("waived_by"),
        "acceptance_head": (
            f'<h3>{phrase("html.acceptance", lang)}</h3>\n<p class="small">'
            f'{phrase("html.acceptance_intro", lang)}</p>\n<table class="acceptance">\n'
            f"<thead><tr>{cols(acceptance, lang)}"
            f'<th scope="col" class="num">{phrase("html.line", lang)}</th></tr></thead>\n<tbody>\n'
        ),
        "categories_head": (
            f'<h3>{phrase("categories", lang)}</h3>\n<table class="categories">\n'
            f"<thead><tr>{cols(('category', 'score', 'risk'), lang)}{statuses}</tr></thead>\n"
            "<tbody>\n"
        ),
        "viewpoints_head": (
            '<table class="viewpoints">\n'
            f"<thead><tr>{cols(('viewpoint', 'level', 'high_risk'), lang)}</tr></thead>\n"
            "<tbody>\n"
        ),
        "findings_head": (
            f'<h3>{phrase("findings", lang)}</h3>\n<table class="findings">\n'
            '<colgroup><col class="col-rule"><col><col class="col-remedy"></colgroup>\n'
            f"<thead><tr>{cols(('rule', 'message', 'remediation'), lang)}</tr></thead>\n"
            "<tbody>\n"
        ),
        "footer_head": (
            '<footer class="report-footer">\n<table>\n'
            f'<thead><tr><th scope="col">{phrase("inputs", lang)}</th>'
            '<th scope="col">SHA-256</th></tr></thead>\n<tbody>\n'
        ),
    }
