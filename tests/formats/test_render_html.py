"""HTML: self-contained, script-free, vendor text escaped, templates shipped as package data."""

from __future__ import annotations

import re
import tomllib
from datetime import timedelta
from html.parser import HTMLParser
from importlib import resources

import pytest

from aiprocure.model.common import Lang
from aiprocure.model.findings import AcceptanceCondition, Report
from aiprocure.render import html, html_view
from aiprocure.render.i18n import t
from tests.conftest import REPO


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def ids(self) -> set[str]:
        return {a["id"] or "" for _, a in self.tags if "id" in a}

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
        for key in ("src", "action", "formaction"):
            assert key not in attrs, (tag, attrs)
        if "href" in attrs:  # only the contents' links to a declaration of the same page
            href = attrs["href"] or ""
            assert href.startswith("#"), (tag, attrs)
            assert href[1:] in page.ids(), (tag, attrs)
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
    assert out.index('class="review"') < out.index('class="categories"')
    assert out.index('class="categories"') < out.index('class="findings"')


def test_template_ships_as_package_data() -> None:
    for name in ("compare.html.j2", "_style.css"):
        assert (resources.files("aiprocure.render") / "templates" / name).is_file(), name
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    # hatchling puts every non-ignored file under the package directory into the wheel
    assert "src/aiprocure" in pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    assert not any(p in ignored for p in ("*.j2", "templates/", "*.html", "*.css"))


# --- the meeting pack: overview first, print layout, landmarks -------------------------------


def _section(out: str, index: int) -> str:
    start = out.index(f'<section class="report decl-{index}"')
    end = out.index("</section>", start)
    return out[start:end]


@pytest.mark.parametrize("lang", list(Lang))
def test_each_declaration_opens_with_an_overview(render_reports: list[Report], lang: Lang) -> None:
    out = html.render(render_reports, lang)
    for i, report in enumerate(render_reports):
        part = _section(out, i)
        overview, details = part.split('<div class="details">')
        for key in ("verdict.risk", "verdict.determination", "html.counts", "html.digest"):
            assert t(key, lang) in overview, key
        assert f"badge risk-{report.risk.level.value}" in overview
        assert f"badge determination-{report.determination.state.value}" in overview
        digest = next(i.sha256 for i in report.inputs if i.kind == "declaration")
        assert digest in overview
        for flag in report.review_flags:  # every flag with its reason, on the overview
            assert flag.source_id in overview
        for status in ("fail", "unanswered", "pass"):  # counts by status
            assert f">{t('status.' + status, lang)}</th>" in overview
        counts = re.findall(r'<td class="num">(\d+)</td>', overview.split('class="counts"')[1])
        assert sum(map(int, counts[:6])) == len(report.findings)
        assert 'class="findings"' not in overview
        assert t("categories", lang) in details
    assert t("html.declared_on", lang) in _section(out, 0)
    assert "2026-10-01" in _section(out, 0)  # the hostile fixture's declared_on


def test_declared_on_comes_from_the_report_when_it_carries_it(
    render_reports: list[Report],
) -> None:
    report = render_reports[1]
    assert html_view.declared_on(report)  # the passing example declares it
    undated = report.model_copy(
        update={"subject": report.subject.model_copy(update={"declared_on": None})}
    )
    assert html_view.declared_on(undated) is None
    assert t("html.not_stated", Lang.EN) in html.render([undated], Lang.EN)


def test_conditions_of_acceptance_only_when_the_report_has_them(
    render_reports: list[Report],
) -> None:
    report = render_reports[1]
    assert t("html.acceptance", Lang.EN) not in html.render([report], Lang.EN)
    evil = "<script>x</script> turn on"
    conditions = [
        AcceptanceCondition(
            path="security.abuse_monitoring",
            kind="on_approval",
            detail=evil,
            value=False,
            line=42,
            col=3,
            rules=["DS920-PRIV-003"],
        )
    ]
    extended = report.model_copy(update={"acceptance_conditions": conditions})
    for lang in Lang:
        out = html.render([extended], lang)
        overview = _section(out, 0).split('<div class="details">')[0]
        assert t("html.acceptance", lang) in overview
        assert t("html.when.on_approval", lang) in overview
        assert "security.abuse_monitoring" in overview
        assert "DS920-PRIV-003" in overview
        assert "&lt;script&gt;x&lt;/script&gt; turn on" in overview
        assert "<script>" not in out


def test_timestamp_is_shown_in_tokyo_time(render_reports: list[Report]) -> None:
    stamped = render_reports[1].model_copy(update={"generated_at": "2026-11-30T15:30:00Z"})
    out = html.render([stamped], Lang.JA)
    assert "2026-12-01 00:30:00 JST (UTC+09:00)" in out  # the next day in Tokyo
    assert "2026-11-30T15:30:00Z" not in out
    assert html_view.tokyo_time("not a time <b>") == "not a time <b>"  # escaped by html_text.esc


def test_tokyo_time_without_the_tz_database(monkeypatch: pytest.MonkeyPatch) -> None:
    import zoneinfo

    def missing(key: str) -> None:
        raise zoneinfo.ZoneInfoNotFoundError(key)

    html_view.tokyo.cache_clear()
    monkeypatch.setattr(zoneinfo, "ZoneInfo", missing)
    try:
        assert html_view.tokyo().utcoffset(None) == timedelta(hours=9)
        assert html_view.tokyo_time("2026-01-01T00:00:00+00:00").startswith("2026-01-01 09:00:00")
    finally:
        html_view.tokyo.cache_clear()


@pytest.mark.parametrize("lang", list(Lang))
def test_prints_on_a4_with_page_numbers_and_running_header(
    render_reports: list[Report], lang: Lang
) -> None:
    out = html.render(render_reports, lang)
    style = out.split("<style>")[1].split("</style>")[0]
    assert "@page { size: A4;" in style
    assert 'counter(page) " / " counter(pages)' in style
    for i in range(len(render_reports)):  # one named page per declaration, its own header
        assert f"@page decl-{i} {{ @top-left {{ content: " in style
        assert f".decl-{i} {{ page: decl-{i}; }}" in style
    assert "tr { break-inside: avoid;" in style


def test_running_header_is_an_escaped_css_string() -> None:
    hostile = '"; } body { display: none } </style><script>alert(1)</script> \\ みなと'
    literal = str(html_view.css_string(hostile))
    assert literal.startswith('"')
    assert literal.endswith('"')
    inner = literal[1:-1]
    assert re.fullmatch(r"(?:[^\W_]|\\[0-9a-f]{6})*", inner), inner  # letters, digits, escapes
    assert "みなと" in inner  # Japanese stays readable
    decoded = re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), inner)
    assert decoded == hostile


@pytest.mark.parametrize("lang", list(Lang))
def test_landmarks_and_table_headers(render_reports: list[Report], lang: Lang) -> None:
    out = html.render(render_reports, lang)
    page = _parse(out)
    names = [tag for tag, _ in page.tags]
    assert names.count("main") == 1
    assert names.count("header") >= 1
    assert "nav" in names
    assert not any(a.get("role") == "alert" for _, a in page.tags)  # nothing here is live
    assert all(a.get("scope") in ("col", "row") for tag, a in page.tags if tag == "th")
    assert sum(1 for tag in names if tag == "h1") == 1


def test_headers_do_not_break_inside_words(render_reports: list[Report]) -> None:
    css = (resources.files("aiprocure.render") / "templates" / "_style.css").read_text("utf-8")
    assert "thead th { word-break: keep-all; overflow-wrap: normal; hyphens: none; }" in css
    th_rule = re.search(r"\nth, td \{([^}]*)\}", css)
    assert th_rule
    assert "anywhere" not in th_rule.group(1)


def test_score_bars_carry_no_label_to_clip(render_reports: list[Report]) -> None:
    """The concern is a table cell (it wraps); the bar is a drawing without text."""
    out = html.render(render_reports[:1], Lang.EN)
    table = out.split('<table class="categories">')[1].split("</table>")[0]
    longest = max((c.title.en for c in render_reports[0].categories), key=len)
    assert f'<th scope="row">{longest}</th>' in table
    bars = re.findall(r"<svg class=\"bar\".*?</svg>", table)
    assert len(bars) == len(render_reports[0].categories)
    assert not any("<text" in b for b in bars)
