"""What the declaration model says about a fact position: whether a field is a list, a list of
countries, or an object (whose fields are fact positions too); and the 1.0 keys 2.0 removed."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

from pydantic import BaseModel

from aiprocure.model.common import Country
from aiprocure.model.countries import ASSIGNED

PathKey = tuple[str | int, ...]

EVERY_COUNTRY: tuple[str, ...] = tuple(sorted(ASSIGNED))
# 1.0 spellings a 2.0 file may not use, with the 2.0 form that replaces them.
REMOVED: dict[tuple[str, str], tuple[str, str]] = {
    ("use_case", "data_for_training"): ("use_case.data.training", "use_case.data.training"),
    ("use_case", "data_for_retrieval"): (
        "use_case.data.retrieval and use_case.data.prompts",
        "use_case.data.retrieval と use_case.data.prompts",
    ),
    ("exit", "export_formats"): (
        "exit.exports (formats per content)",
        "exit.exports（内容ごとの形式）",
    ),
    ("exit", "export_contents"): (
        "exit.exports (formats per content)",
        "exit.exports（内容ごとの形式）",
    ),
}


def args_of(annotation: Any) -> list[Any]:
    """The types an annotation may hold, without None (through Optional and unions)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [a for a in typing.get_args(annotation) if a is not type(None)]
    return [annotation]


@cache  # per annotation: asked for every key of every file
def is_list(annotation: Any) -> bool:
    return any(typing.get_origin(a) is list for a in args_of(annotation))


@cache  # per annotation: asked for every key of every file
def is_country_list(annotation: Any) -> bool:
    return any(
        typing.get_origin(a) is list and typing.get_args(a)[0] == Country
        for a in args_of(annotation)
    )


@cache  # per annotation: asked for every key of every file
def model_of(annotation: Any) -> type[BaseModel] | None:
    for arg in args_of(annotation):
        a = typing.get_args(arg)[0] if typing.get_origin(arg) is list else arg
        if isinstance(a, type) and issubclass(a, BaseModel):
            return a
    return None


@cache
def fields_of(model: type[BaseModel]) -> dict[str, Any]:
    return {(f.alias or name): f.annotation for name, f in model.model_fields.items()}


class Field(NamedTuple):
    """What the fact pass asks of a field, answered once per model (hashing a typing annotation
    to look it up in a cache costs more than the question)."""

    annotation: Any
    model: type[BaseModel] | None  # the model of the field's value, or of its list's items
    listed: bool  # a list


@cache
def plans_of(model: type[BaseModel]) -> dict[str, Field]:
    return {
        key: Field(annotation, model_of(annotation), is_list(annotation))
        for key, annotation in fields_of(model).items()
    }


def sub_paths(node: Any, prefix: PathKey) -> Iterator[PathKey]:
    """Every key and item path under ``node`` (the marks a wrapper's text made)."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield (*prefix, k)
            yield from sub_paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield (*prefix, i)
            yield from sub_paths(v, (*prefix, i))
