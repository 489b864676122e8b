"""Whether a rule's value can ever equal the field it tests (``lint-checklist``, pack loading):
a boolean field compared with the text "true" is a rule that can never pass."""

from __future__ import annotations

from aiprocure.model.conditions import Scalar
from aiprocure.model.fields import FieldInfo

# What a field holds, for the message when a rule's value is of another type.
KINDS = {
    "bool": (
        "a boolean field (write true or false, unquoted)",
        "真偽値のフィールド。引用符なしの true / false",
    ),
    "number": ("a numeric field (write the number unquoted)", "数値のフィールド。引用符なしの数値"),
    "text": ("a text field", "テキストのフィールド"),
    "enum": ("a field of fixed values", "決まった値のフィールド"),
}


def wrong_type(info: FieldInfo, values: list[Scalar]) -> Scalar | None:
    """The first value that a field of ``info``'s kind can never hold (a rule that could never
    pass, e.g. a boolean field compared with the text "true")."""
    for v in values:
        if info.kind == "bool" and not isinstance(v, bool):
            return v
        if info.kind == "number" and (isinstance(v, bool) or not isinstance(v, int | float)):
            return v
        if info.kind in ("text", "enum") and not isinstance(v, str):
            return v
    return None
