"""Japanese texts for pydantic's validation errors, chosen by the error's ``type`` and ``ctx``.

pydantic words its own messages in English only; ``load.describe`` keeps those for English and asks
this table for the Japanese. A type with no template here still gets a Japanese sentence that says
where and which field (``fallback``), with the type's name for the reader who must look it up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Ctx = Mapping[str, Any]


def _alternatives(expected: object) -> str:
    """pydantic's ``'a', 'b' or 'c'`` (our own model's values, never the vendor's) as 「'a'、'b'、'c'」."""
    text = str(expected)
    head, sep, last = text.rpartition(" or ")
    return "、".join([*head.split(", "), last]) if sep else text


def _one_of(expected: object) -> str:
    text = _alternatives(expected)
    return f"{text} のいずれかを記入してください" if "、" in text else f"{text} と記入してください"


def _num(value: object) -> str:
    """A bound as pydantic writes it in English: ``100``, not ``100.0``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _length(ctx: Ctx, key: str, relation: str) -> str:
    n = ctx.get(key, "?")
    if ctx.get("field_type") in ("List", "Tuple", "Set", "Dictionary"):
        return f"要素を {n} 個{relation}にしてください"
    return f"{n} 文字{relation}で記入してください"


# error type -> Japanese sentence (without the field path), from the error's ctx.
TEMPLATES: dict[str, Callable[[Ctx], str]] = {
    "string_type": lambda c: "文字列を記入してください",
    "string_sub_type": lambda c: "文字列を記入してください",
    "int_type": lambda c: "整数を記入してください",
    "int_parsing": lambda c: "整数を記入してください",
    "int_from_float": lambda c: "小数部のない整数を記入してください",
    "int_parsing_size": lambda c: "整数が大きすぎます",
    "float_type": lambda c: "数値を記入してください",
    "float_parsing": lambda c: "数値を記入してください",
    "finite_number": lambda c: "有限の数値を記入してください（nan や inf は使えません）",
    "bool_type": lambda c: "true または false を記入してください",
    "bool_parsing": lambda c: "true または false を記入してください",
    "literal_error": lambda c: _one_of(c.get("expected")),
    "enum": lambda c: _one_of(c.get("expected")),
    "greater_than": lambda c: f"{_num(c.get('gt'))} より大きい値を記入してください",
    "greater_than_equal": lambda c: f"{_num(c.get('ge'))} 以上の値を記入してください",
    "less_than": lambda c: f"{_num(c.get('lt'))} 未満の値を記入してください",
    "less_than_equal": lambda c: f"{_num(c.get('le'))} 以下の値を記入してください",
    "too_short": lambda c: _length(c, "min_length", "以上"),
    "too_long": lambda c: _length(c, "max_length", "以下"),
    "string_too_short": lambda c: f"{c.get('min_length')} 文字以上で記入してください",
    "string_too_long": lambda c: f"{c.get('max_length')} 文字以下で記入してください",
    "string_pattern_mismatch": lambda c: "この欄の形式に合いません",  # never the regex itself
    "date_type": lambda c: "日付を YYYY-MM-DD の形式で記入してください",
    "date_parsing": lambda c: "日付を YYYY-MM-DD の形式で記入してください",
    "date_from_datetime_parsing": lambda c: "日付を YYYY-MM-DD の形式で記入してください",
    "date_from_datetime_inexact": lambda c: "時刻を含まない日付（YYYY-MM-DD）を記入してください",
    "url_type": lambda c: "URL を文字列で記入してください",
    "url_parsing": lambda c: "有効な URL を記入してください",
    "url_syntax_violation": lambda c: "有効な URL を記入してください",
    "url_scheme": lambda c: (
        f"URL のスキームは {_alternatives(c.get('expected_schemes'))} にしてください"
    ),
    "url_too_long": lambda c: f"URL は {c.get('max_length')} 文字以下にしてください",
    "list_type": lambda c: "リスト（- で始まる項目）を記入してください",
    "tuple_type": lambda c: "リスト（- で始まる項目）を記入してください",
    "set_type": lambda c: "リスト（- で始まる項目）を記入してください",
    "dict_type": lambda c: "マッピング（キー: 値）を記入してください",
    "model_type": lambda c: "マッピング（キー: 値）を記入してください",
    "model_attributes_type": lambda c: "マッピング（キー: 値）を記入してください",
    "none_required": lambda c: "値は空（null）にしてください",
    "union_tag_invalid": lambda c: (
        f"種類 {c.get('tag')!r} は使えません（{_alternatives(c.get('expected_tags'))} のいずれか）"
    ),
    "union_tag_not_found": lambda c: f"種類を示すキー {c.get('discriminator')} がありません",
    "frozen_instance": lambda c: "この値は変更できません",
}


def sentence(kind: str, ctx: Ctx | None) -> str | None:
    """The Japanese sentence for a pydantic error type, or None when this table has none."""
    template = TEMPLATES.get(kind)
    return None if template is None else template(ctx or {})


def fallback(kind: str) -> str:
    return f"値が正しくありません（検証エラー {kind}）"
