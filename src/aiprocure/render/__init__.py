"""Renderers: pure functions ``(reports, lang) -> str``, in an explicit registry.

Nothing here prints, reads files, reads the environment or reads the clock: that is what makes
golden tests trivial.

May import: model, errors (and Jinja2, Rich, pydantic); never the package root, api, sources or
engine. See docs/architecture.md (layers).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from importlib import import_module

from aiprocure.model.common import Lang
from aiprocure.model.findings import Report
from aiprocure.render.options import RenderOptions

Renderer = Callable[[Sequence[Report], Lang], str]


class Format(StrEnum):
    TERMINAL = "terminal"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    MARKDOWN = "markdown"
    HTML = "html"
    GITHUB = "github"


# Module that implements each format; imported on first use so start-up stays fast.
_MODULES: dict[Format, str] = {
    Format.TERMINAL: "aiprocure.render.terminal",
    Format.JSON: "aiprocure.render.json_",
    Format.SARIF: "aiprocure.render.sarif",
    Format.JUNIT: "aiprocure.render.junit",
    Format.MARKDOWN: "aiprocure.render.markdown",
    Format.HTML: "aiprocure.render.html",
    Format.GITHUB: "aiprocure.render.github",
}

# Output file suffix -> format, for `--output report.sarif`.
SUFFIXES: dict[str, Format] = {
    ".txt": Format.TERMINAL,
    ".json": Format.JSON,
    ".sarif": Format.SARIF,
    ".xml": Format.JUNIT,
    ".md": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
}


def renderer(fmt: Format) -> Renderer:
    module = import_module(_MODULES[fmt])
    fn: Renderer = module.render
    return fn


def render(fmt: Format, reports: Sequence[Report], lang: Lang) -> str:
    return renderer(fmt)(reports, lang)


# Formats whose renderer takes ``options=RenderOptions(...)``.
OPTIONED = frozenset({Format.SARIF, Format.JUNIT, Format.GITHUB, Format.MARKDOWN})


def render_bytes(
    fmt: Format, reports: Sequence[Report], lang: Lang, options: RenderOptions | None = None
) -> bytes:
    """The report as UTF-8, as written to a file or a pipe. A format may encode directly (JSON
    does: a batch's document is tens of megabytes, worth not decoding only to encode again)."""
    module = import_module(_MODULES[fmt])
    if options is not None and fmt in OPTIONED:
        return str(module.render(reports, lang, options=options)).encode()
    direct: Callable[[Sequence[Report], Lang], bytes] | None = getattr(module, "render_bytes", None)
    if direct is not None:
        return direct(reports, lang)
    text: str = module.render(reports, lang)
    return text.encode()
