"""The condition language of checklists, and the one walker every reader of it uses.

A condition is a small typed language (a tagged union keyed by the single operator name); there is
no ``eval``. Leaves test one declaration field (``equals`` ... ``matches``) or call a named
predicate (``predicate``, signatures in ``model.predicates``); ``all``, ``any`` and ``not``
combine them.

Readers of a condition do not dispatch on its classes themselves: they subclass ``Fold`` (one
method per operator; a missing method leaves the class abstract, which mypy rejects where it is
instantiated) and call ``fold``, or, when only the nodes matter, iterate ``walk``. The catalogue's
wording (``render.condition``), the load-time cross-checks (``sources.crossref``) and the engine's
compiler are such readers.

``language`` holds the models, ``walk`` the walker; both are re-exported here.
"""

from aiprocure.model.conditions.language import (
    OPERATORS,
    All,
    AllIn,
    Any_,
    AtLeast,
    AtMost,
    Bound,
    Condition,
    ContainsAll,
    Equals,
    FieldCondition,
    FieldPath,
    Matches,
    Name,
    NoneIn,
    NonEmpty,
    Not,
    OneOf,
    Predicate,
    Present,
    Scalar,
    Threshold,
    ValueSet,
    _Bound,
    _ValueSet,
)
from aiprocure.model.conditions.walk import (
    Fold,
    Loc,
    args_of,
    bound_of,
    field_of,
    fields_of,
    fold,
    operator,
    value_set_of,
    walk,
)

__all__ = [
    "OPERATORS",
    "All",
    "AllIn",
    "Any_",
    "AtLeast",
    "AtMost",
    "Bound",
    "Condition",
    "ContainsAll",
    "Equals",
    "FieldCondition",
    "FieldPath",
    "Fold",
    "Loc",
    "Matches",
    "Name",
    "NonEmpty",
    "NoneIn",
    "Not",
    "OneOf",
    "Predicate",
    "Present",
    "Scalar",
    "Threshold",
    "ValueSet",
    "_Bound",
    "_ValueSet",
    "args_of",
    "bound_of",
    "field_of",
    "fields_of",
    "fold",
    "operator",
    "value_set_of",
    "walk",
]
