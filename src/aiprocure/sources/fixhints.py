"""What to write instead: hints for the input mistakes people make, in English and Japanese.

``load.describe`` asks ``fix`` first; a mistake it knows (a country name for a code, one value
where a list goes, ``2026-11-5``, ``yes`` for a boolean, a hyphenated corporate number, a value
that does not have a field's form) gets a sentence that says what to write, with the value
suggested from what was written when it can be. No regular expression reaches a reader: a
pattern is described in words (``PATTERNS``). Untrusted text is quoted with ``short_repr``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from aiprocure.model.countries import ASSIGNED
from aiprocure.model.declaration_types import corporate_number_is_valid
from aiprocure.sources.yamlmessages import short_repr

Hint = tuple[str, str]  # (English, Japanese), without the field path

COUNTRY_PATTERN = "^[A-Z]{2}$"

# A field's pattern in words: (English, Japanese).
PATTERNS: dict[str, Hint] = {
    COUNTRY_PATTERN: (
        "use a two-letter ISO 3166-1 code such as JP or US",
        "JP や US のような ISO 3166-1 の 2 文字の国コードを記入してください",
    ),
    "^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$": (
        "write an ID of capital letters and digits in parts joined by '-', such as MIN-EXT-001",
        "MIN-EXT-001 のように、英大文字と数字を '-' でつないだ ID を記入してください",
    ),
    "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$": (
        "write an ID of letters, digits, '.', '_' and '-' (at most 64, starting with a letter "
        "or digit), such as W-2026-001",
        "W-2026-001 のように、英数字と '.'・'_'・'-' で 64 文字以内（先頭は英数字）の ID を"
        "記入してください",
    ),
    "^[0-9a-f]{64}$": (
        "write the file's SHA-256 digest: 64 lowercase hexadecimal digits",
        "ファイルの SHA-256 ダイジェスト（小文字の 16 進数 64 桁）を記入してください",
    ),
    "^[0-9]{13}$": (
        "write the 13 digits of the corporate number (法人番号), in quotes",
        "法人番号の 13 桁の数字を引用符で囲んで記入してください",
    ),
}

# Names people write for a country, lower-cased -> the code.
COUNTRY_NAMES: dict[str, str] = {
    "japan": "JP", "日本": "JP", "jpn": "JP", "nippon": "JP", "nihon": "JP",
    "united states": "US", "united states of america": "US", "usa": "US", "america": "US",
    "u.s.": "US", "u.s.a.": "US", "米国": "US", "アメリカ": "US", "アメリカ合衆国": "US",
    "united kingdom": "GB", "uk": "GB", "britain": "GB", "great britain": "GB", "england": "GB",
    "gbr": "GB", "英国": "GB", "イギリス": "GB",
    "china": "CN", "chn": "CN", "中国": "CN",
    "korea": "KR", "south korea": "KR", "republic of korea": "KR", "kor": "KR", "韓国": "KR",
    "singapore": "SG", "sgp": "SG", "シンガポール": "SG",
    "germany": "DE", "deu": "DE", "ドイツ": "DE",
    "france": "FR", "fra": "FR", "フランス": "FR",
    "ireland": "IE", "irl": "IE", "アイルランド": "IE",
    "netherlands": "NL", "the netherlands": "NL", "nld": "NL", "オランダ": "NL",
    "india": "IN", "ind": "IN", "インド": "IN",
    "australia": "AU", "aus": "AU", "オーストラリア": "AU",
    "canada": "CA", "can": "CA", "カナダ": "CA",
    "taiwan": "TW", "twn": "TW", "台湾": "TW",
    "hong kong": "HK", "hkg": "HK", "香港": "HK",
    "israel": "IL", "isr": "IL", "イスラエル": "IL",
    "russia": "RU", "rus": "RU", "ロシア": "RU",
    "switzerland": "CH", "che": "CH", "スイス": "CH",
    "sweden": "SE", "swe": "SE", "スウェーデン": "SE",
    "finland": "FI", "fin": "FI", "フィンランド": "FI",
    "vietnam": "VN", "viet nam": "VN", "vnm": "VN", "ベトナム": "VN",
    "thailand": "TH", "tha": "TH", "タイ": "TH",
    "malaysia": "MY", "mys": "MY", "マレーシア": "MY",
    "indonesia": "ID", "idn": "ID", "インドネシア": "ID",
    "philippines": "PH", "phl": "PH", "フィリピン": "PH",
    "brazil": "BR", "bra": "BR", "ブラジル": "BR",
}  # fmt: skip

_TRUE = frozenset({"yes", "y", "on", "はい", "有", "あり", "true", "True", "TRUE", "1"})
_FALSE = frozenset({"no", "n", "off", "いいえ", "無", "なし", "false", "False", "FALSE", "0"})
_DAY = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_SEPARATORS = re.compile(r"[\s,、，;]+")


def country_code(given: str) -> str | None:
    """The assigned code ``given`` most likely means: a name, an alpha-3 code or a lower-case
    code; None when there is no good guess."""
    text = given.strip()
    code = COUNTRY_NAMES.get(text.lower()) or COUNTRY_NAMES.get(text)
    if code is None and len(text) == 2 and text.upper() in ASSIGNED:
        code = text.upper()
    return code


def _country(given: object) -> Hint:
    en, ja = PATTERNS[COUNTRY_PATTERN]
    if not isinstance(given, str):
        return en, ja
    shown = short_repr(given)
    code = country_code(given)
    if code is not None:
        return (
            f"use a two-letter ISO 3166-1 code such as {code} ({shown} is not one)",
            f"ISO 3166-1 の 2 文字の国コード（{code} など）を記入してください（{shown} は国コードでは"
            "ありません）",
        )
    return f"{en} ({shown} is not one)", f"{ja}（{shown} は国コードではありません）"


def _list(given: object) -> Hint:
    items = [p for p in _SEPARATORS.split(str(given)) if p] if isinstance(given, str) else []
    if isinstance(given, int | float) and not isinstance(given, bool):
        items = [str(given)]
    if items and all(len(p) <= 40 and p.replace("_", "").isalnum() for p in items):
        flow = "[" + ", ".join(items) + "]"
        if len(items) == 1:
            return (
                f"write a list, even of one item: {flow} (or one '- ' line per item)",
                f"1 項目でもリストで記入してください: {flow}（又は 1 項目ずつ '- ' で始まる行）",
            )
        return (
            f"write a list: {flow} (or one '- ' line per item)",
            f"リストで記入してください: {flow}（又は 1 項目ずつ '- ' で始まる行）",
        )
    return (
        "write a list: [A, B] on one line, or one '- ' line per item",
        "リストで記入してください: 1 行なら [A, B]、又は 1 項目ずつ '- ' で始まる行",
    )


def _date(given: object) -> Hint:
    example = "2026-11-05"
    if isinstance(given, str) and (m := _DAY.match(given)):
        try:
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            day = None
        if day is None:
            return (
                f"there is no such day; write a date as YYYY-MM-DD, such as {example}",
                f"存在しない日付です。{example} のように YYYY-MM-DD の形式で記入してください",
            )
        return (
            f"write the date as YYYY-MM-DD, here {day.isoformat()}",
            f"日付は YYYY-MM-DD の形式で記入してください（この場合 {day.isoformat()}）",
        )
    return (
        f"write the date as YYYY-MM-DD, such as {example}",
        f"日付を {example} のように YYYY-MM-DD の形式で記入してください",
    )


def _bool(given: object) -> Hint:
    if isinstance(given, str) and given.strip() in _TRUE | _FALSE:
        word = "true" if given.strip() in _TRUE else "false"
        return (
            f"write true or false (for {short_repr(given)}, write {word})",
            f"true または false を記入してください（{short_repr(given)} なら {word}）",
        )
    return "write true or false", "true または false を記入してください"


def _corporate_number(given: object) -> Hint | None:
    if not isinstance(given, str):
        return None
    digits = "".join(ch for ch in given if ch not in "- 　‐－ー")
    if digits != given and corporate_number_is_valid(digits):
        return (
            f'write the 13 digits without hyphens or spaces, in quotes: "{digits}"',
            f'法人番号はハイフンや空白を除いた 13 桁を引用符で囲んで記入してください: "{digits}"',
        )
    return None


_DATE_MESSAGE = "Value error, dates must be written YYYY-MM-DD"


def fix(
    kind: str, loc: tuple[str | int, ...], given: object, err: Mapping[str, Any]
) -> Hint | None:
    """What to write instead, for the mistakes this module knows; None for the others."""
    ctx = err.get("ctx") or {}
    field = next((s for s in reversed(loc) if isinstance(s, str)), "")
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern == COUNTRY_PATTERN:
            return _country(given)
        return PATTERNS.get(
            pattern, ("the value does not have this field's form", "この欄の形式に合いません")
        )
    if kind in ("list_type", "set_type", "tuple_type"):
        return _list(given)
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing") or (
        kind == "value_error" and err.get("msg") == _DATE_MESSAGE
    ):
        return _date(given)
    if kind in ("bool_type", "bool_parsing"):
        return _bool(given)
    if kind == "value_error" and field == "corporate_number":
        return _corporate_number(given)
    return None
