"""compare --format html: A4 with page numbers, rows kept whole, a chart of the bidders side by
side per concern, bidders in parts when there are many, vendor text escaped, landmarks."""

from __future__ import annotations

import re

import pytest

from aiprocure.caio.compare import Bidder, CompareFormat, render_compare
from aiprocure.model.common import Lang
from aiprocure.model.findings import Report
from aiprocure.render import html_compare
from aiprocure.render.i18n import t


def _bidders(reports: list[Report], n: int) -> list[Bidder]:
    return [Bidder(report=reports[i % len(reports)], facts={}) for i in range(n)]


@pytest.mark.parametrize("lang", list(Lang))
def test_chart_shows_bidders_side_by_side_per_concern(
    render_reports: list[Report], lang: Lang
) -> None:
    reports = render_reports[:2]
    out = render_compare(_bidders(reports, 2), lang, CompareFormat.HTML)
    assert out.startswith("<!DOCTYPE html>")
    assert f'<html lang="{lang.value}">' in out
    chart = out.split('<table class="grid bidders">')[1].split("</table>")[0]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", chart)
    concerns = {c.category for r in reports for c in r.categories}
    assert len(rows) == len(concerns)
    for _, cells in rows:  # one bar per bidder in every concern's row
        assert cells.count('<svg class="bar"') == 2
    first = reports[0].categories[0]
    assert rows[0][0] == first.title.get(lang)
    assert f'class="fill-{first.risk.value}" width="{first.score}"' in rows[0][1]
    assert t("html.compare_chart", lang) in out


def test_prints_on_a4_with_page_numbers_and_whole_rows(render_reports: list[Report]) -> None:
    out = render_compare(_bidders(render_reports, 2), Lang.EN, CompareFormat.HTML)
    style = out.split("<style>")[1].split("</style>")[0]
    assert "@page { size: A4 landscape;" in style
    assert 'counter(page) " / " counter(pages)' in style
    assert "tr { break-inside: avoid;" in style
    assert "thead { display: table-header-group; }" in style  # headers repeat on every page


def test_many_bidders_come_in_parts(render_reports: list[Report]) -> None:
    n = html_compare.BIDDERS_PER_PART + 2
    out = render_compare(_bidders(render_reports, n), Lang.EN, CompareFormat.HTML)
    assert out.count('<section class="part"') == 2
    assert t("caio.compare_part", Lang.EN, first=1, last=6, total=n) in out
    assert t("caio.compare_part", Lang.EN, first=7, last=n, total=n) in out
    grids = re.findall(r'<table class="grid">\s*<thead><tr>(.*?)</tr>', out)
    assert [g.count("<th ") for g in grids] == [7, 3]  # the item column and the part's bidders


def test_vendor_text_escaped_and_landmarks(render_reports: list[Report]) -> None:
    out = render_compare(_bidders(render_reports, 2), Lang.JA, CompareFormat.HTML)
    assert "<script>alert(1)" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert out.count("<main>") == 1
    assert "<header>" in out
    assert 'role="alert"' not in out
    assert re.findall(r"<th(?=[\s>])(?![^>]*scope=)", out) == []
