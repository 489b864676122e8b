"""Predicate signatures (model) and implementations (engine) match, both ways."""

from __future__ import annotations

import inspect

from aiprocure.engine import chain_predicates, model_predicates, predicates_data, predicates_facts
from aiprocure.engine import predicates as impl
from aiprocure.model.predicates import SIGNATURES


def test_every_signature_has_exactly_one_implementation() -> None:
    assert sorted(SIGNATURES) == sorted(impl.PREDICATES)
    for name, sig in SIGNATURES.items():
        assert sig.name == name
        spec = impl.PREDICATES[name]
        assert spec.args == sig.args, name
        assert spec.fields == sig.fields, name
        assert spec.fn.__name__ == name


def test_every_implementation_has_a_signature() -> None:
    public = {
        name
        for module in (impl, chain_predicates, model_predicates, predicates_data, predicates_facts)
        for name, fn in inspect.getmembers(module, inspect.isfunction)
        if fn.__module__ == module.__name__ and not name.startswith("_")
    }
    assert public == set(SIGNATURES)


def test_every_signature_is_bilingual() -> None:
    for sig in SIGNATURES.values():
        assert sig.description.ja
        assert sig.description.en
        assert sig.description.ja != sig.description.en
