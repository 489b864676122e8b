"""HTML: self-contained, script-free, vendor text escaped, template shipped as package data."""

from __future__ import annotations

import tomllib
from html.parser import HTMLParser
from importlib import resources

import pytest

from aiprocure.model.common import Lang
from aiprocure.model.findings import Report
from aiprocure.render import html
from tests.conftest import REPO


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(text: str) -> _Collect:
    parser = _Collect()
    parser.feed(text)
    parser.close()
    return parser


@pytest.mark.parametrize("lang", list(Lang))
def test_self_contained_and_script_free(render_reports: list[Report], lang: Lang) -> None:
    page = _parse(html.render(render_reports, lang))
    names = [tag for tag, _ in page.tags]
    assert ("html", {"lang": lang.value}) in page.tags
    for forbidden in ("script", "iframe", "object", "embed", "link", "img", "base", "form"):
        assert forbidden not in names, forbidden
    for tag, attrs in page.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        for key in ("src", "href", "action", "formaction"):
            assert key not in attrs, (tag, attrs)
    csp = [
        a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp
    assert "default-src 'none'" in (csp[0]["content"] or "")
    assert "svg" in names


def test_vendor_text_is_text(render_reports: list[Report]) -> None:
    out = html.render(render_reports[:1], Lang.EN)
    page = _parse(out)
    vendor = render_reports[0].subject.vendor or ""
    assert "<script>alert(1)</script>" in vendor
    assert "<script>" not in out
    assert any("<script>alert(1)</script>" in chunk for chunk in page.text)  # shown, as text
    assert "\x1b" not in out
    assert "@media print" in out


def test_high_risk_flags_come_first(render_reports: list[Report]) -> None:
    out = html.render(render_reports[:1], Lang.JA)
    assert out.index('class="review"') < out.index('class="chart"') < out.index('class="finding')


def test_template_ships_as_package_data() -> None:
    template = resources.files("aiprocure.render") / "templates" / "report.html.j2"
    assert template.is_file()
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    # hatchling puts every non-ignored file under the package directory into the wheel
    assert "src/aiprocure" in pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    assert not any(p in ignored for p in ("*.j2", "templates/", "*.html"))
