"""Accessibility of the HTML report and comparison, checked from their own CSS: every text colour
on a coloured background meets WCAG 2.x AA (4.5:1), score bars meet the non-text minimum (3:1),
and every badge the pages use has such a checked pair."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from aiprocure.model.common import Lang
from aiprocure.model.findings import Report
from aiprocure.render import html

AA_TEXT = 4.5
AA_GRAPHICS = 3.0
PAGE = "#ffffff"

CSS = (resources.files("aiprocure.render") / "templates" / "_style.css").read_text("utf-8")


def _rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """``selector { prop: value; ... }`` blocks (the @media block's inner rules included)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"@media[^{]*\{", "", css)
    out = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        props = {}
        for decl in body.split(";"):
            if ":" in decl:
                key, value = decl.split(":", 1)
                props[key.strip()] = value.strip()
        out.append((" ".join(selector.split()), props))
    return out


def _hex(value: str) -> str | None:
    m = (
        re.fullmatch(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})", value.split(maxsplit=1)[0])
        if value
        else None
    )
    if m is None:
        return None
    h = m.group(1)
    return "#" + (h if len(h) == 6 else "".join(c * 2 for c in h)).lower()


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula() -> None:  # WCAG's own reference values
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#b58900", "#ffffff") < AA_TEXT  # the old "medium" badge fails


def _pairs() -> list[tuple[str, str, str]]:
    pairs = []
    for selector, props in _rules(CSS):
        fg = _hex(props.get("color", ""))
        bg = _hex(props.get("background", props.get("background-color", "")))
        if fg is not None:
            pairs.append((selector, fg, bg or PAGE))
    return pairs


def test_every_text_colour_meets_aa() -> None:
    pairs = _pairs()
    assert len(pairs) >= 20
    failing = [(s, fg, bg, round(contrast(fg, bg), 2)) for s, fg, bg in pairs]
    failing = [p for p in failing if p[3] < AA_TEXT]
    assert not failing


def test_no_colour_is_given_other_than_as_a_checked_literal() -> None:
    """A colour written as var(), rgb() or a name would escape the check above."""
    for selector, props in _rules(CSS):
        for key in ("color", "background", "background-color", "fill"):
            if key in props:
                assert _hex(props[key]) is not None, (selector, key, props[key])


def test_score_bars_stand_out_from_the_page_and_the_track() -> None:
    fills = {s: _hex(p["fill"]) for s, p in _rules(CSS) if "fill" in p}
    track = fills.pop("svg.bar .track")
    assert track is not None
    assert len(fills) == 4
    for selector, colour in fills.items():
        assert colour is not None
        assert contrast(colour, PAGE) >= AA_GRAPHICS, selector
        assert contrast(colour, track) >= AA_GRAPHICS, selector


def test_one_meaning_one_colour() -> None:
    """A bar's colour is its risk badge's background: a bar never disagrees with its label."""
    rules = dict(_rules(CSS))
    for level in ("low", "medium", "high", "critical"):
        assert rules[f"svg.bar .fill-{level}"]["fill"] == rules[f".risk-{level}"]["background"]


@pytest.mark.parametrize("lang", list(Lang))
def test_every_badge_used_has_a_checked_pair(render_reports: list[Report], lang: Lang) -> None:
    out = html.render(render_reports, lang)
    used = set(re.findall(r'class="badge ([a-z_-]+)"', out))
    assert {"risk-critical", "determination-raised", "status-fail"} <= used
    checked = {s.lstrip("."): (fg, bg) for s, fg, bg in _pairs()}
    for cls in used:
        assert cls in checked, cls
        fg, bg = checked[cls]
        assert bg != PAGE, cls  # a badge has its own background
        assert contrast(fg, bg) >= AA_TEXT, cls
