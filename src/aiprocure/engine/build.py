"""Report objects built without validation, with less work than ``findings.trusted``.

The engine makes about a hundred frozen objects per declaration (a finding and a location per
rule); building them was a fifth of assessing one. ``maker(cls)`` does what ``trusted`` does for
one class, with two savings:

* the instance slots are set through their descriptors, not ``object.__setattr__`` by name;
* every instance of the class shares one "fields set" (the set of every field name). Each would
  hold the same names; a set of 15 strings is the largest allocation of a finding. Nothing
  mutates it: the models are frozen (pydantic refuses assignment before touching it), and
  ``model_copy(update=...)`` copies the set before adding to it, as waivers do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

from aiprocure.model.findings import Frozen

F = TypeVar("F", bound=Frozen)

# The slots every pydantic model instance has (what object.__setattr__ finds on the class).
_SLOTS = vars(BaseModel)
_set_dict = _SLOTS["__dict__"].__set__
_set_fields_set = _SLOTS["__pydantic_fields_set__"].__set__
_set_extra = _SLOTS["__pydantic_extra__"].__set__
_set_private = _SLOTS["__pydantic_private__"].__set__
_new = object.__new__


def maker(cls: type[F]) -> Callable[[dict[str, Any]], F]:
    """``trusted(cls, values)`` for one class: ``values`` must hold every field of ``cls``, in
    declaration order, each of its field's type. Gives an instance equal to a validated one."""
    every_field = set(cls.model_fields)

    def make(values: dict[str, Any]) -> F:
        obj: F = _new(cls)
        _set_dict(obj, values)
        _set_fields_set(obj, every_field)
        _set_extra(obj, None)
        _set_private(obj, None)
        return obj

    return make
