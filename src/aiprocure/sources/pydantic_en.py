"""English texts for pydantic's validation errors, chosen by the error's ``type`` and ``ctx``: the
twin of ``pydantic_ja``. pydantic's own wording ("Input should be a valid boolean", "String
should match pattern '^[A-Z]{2}$'") says what is wrong in its terms; these say what to write.
A type with no template keeps pydantic's message (``load.describe``)."""

from __future__ import annotations

from collections.abc import Callable

from aiprocure.sources.pydantic_ja import Ctx, _num


def _one_of(expected: object) -> str:
    text = str(expected)
    return f"write one of {text}" if " or " in text or ", " in text else f"write {text}"


def _length(ctx: Ctx, key: str, relation: str) -> str:
    n = ctx.get(key, "?")
    if ctx.get("field_type") in ("List", "Tuple", "Set", "Dictionary"):
        return f"give {relation} {n} items"
    return f"write {relation} {n} characters"


_MAPPING = "write a mapping (key: value lines)"
_LIST = "write a list: [A, B] on one line, or one '- ' line per item"

TEMPLATES: dict[str, Callable[[Ctx], str]] = {
    "string_type": lambda c: "write text",
    "string_sub_type": lambda c: "write text",
    "int_type": lambda c: "write a whole number",
    "int_parsing": lambda c: "write a whole number",
    "int_from_float": lambda c: "write a whole number, without a fraction",
    "int_parsing_size": lambda c: "the number is too large",
    "float_type": lambda c: "write a number",
    "float_parsing": lambda c: "write a number",
    "finite_number": lambda c: "write a finite number (not nan or inf)",
    "bool_type": lambda c: "write true or false",
    "bool_parsing": lambda c: "write true or false",
    "literal_error": lambda c: _one_of(c.get("expected")),
    "enum": lambda c: _one_of(c.get("expected")),
    "greater_than": lambda c: f"write a value greater than {_num(c.get('gt'))}",
    "greater_than_equal": lambda c: f"write {_num(c.get('ge'))} or more",
    "less_than": lambda c: f"write a value less than {_num(c.get('lt'))}",
    "less_than_equal": lambda c: f"write {_num(c.get('le'))} or less",
    "too_short": lambda c: _length(c, "min_length", "at least"),
    "too_long": lambda c: _length(c, "max_length", "at most"),
    "string_too_short": lambda c: (
        "write at least 1 character"
        if c.get("min_length") == 1
        else f"write at least {c.get('min_length')} characters"
    ),
    "string_too_long": lambda c: f"write at most {c.get('max_length')} characters",
    "date_type": lambda c: "write the date as YYYY-MM-DD, such as 2026-11-05",
    "date_parsing": lambda c: "write the date as YYYY-MM-DD, such as 2026-11-05",
    "date_from_datetime_parsing": lambda c: "write the date as YYYY-MM-DD, such as 2026-11-05",
    "date_from_datetime_inexact": lambda c: "write a date without a time (YYYY-MM-DD)",
    "url_type": lambda c: "write the URL as text",
    "url_parsing": lambda c: "write a valid URL, such as https://example.jp/doc.pdf",
    "url_syntax_violation": lambda c: "write a valid URL, such as https://example.jp/doc.pdf",
    "url_scheme": lambda c: f"start the URL with {c.get('expected_schemes')}",
    "url_too_long": lambda c: f"write a URL of at most {c.get('max_length')} characters",
    "list_type": lambda c: _LIST,
    "tuple_type": lambda c: _LIST,
    "set_type": lambda c: _LIST,
    "dict_type": lambda c: _MAPPING,
    "model_type": lambda c: _MAPPING,
    "model_attributes_type": lambda c: _MAPPING,
    "none_required": lambda c: "leave the value empty (null)",
    "union_tag_invalid": lambda c: f"kind {c.get('tag')!r} is not one of {c.get('expected_tags')}",
    "union_tag_not_found": lambda c: (
        f"the key {c.get('discriminator')} that names the kind is missing"
    ),
    "frozen_instance": lambda c: "this value cannot be changed",
}


def sentence(kind: str, ctx: Ctx | None) -> str | None:
    """The English sentence for a pydantic error type, or None when this table has none."""
    template = TEMPLATES.get(kind)
    return None if template is None else template(ctx or {})
