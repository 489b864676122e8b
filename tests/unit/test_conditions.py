"""The condition language's one walker, and the one field-path resolver."""

from __future__ import annotations

import inspect
import re
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter

from aiprocure import api, engine
from aiprocure.model import conditions as C
from aiprocure.model.fields import (
    PathProblem,
    field_info,
    keys_of,
    resolve,
    section_of,
    steps_of,
    value_at,
)

EXAMPLES = sorted(Path("examples").glob("*.yaml"))
ADAPTER: TypeAdapter[C.Condition] = TypeAdapter(C.Condition)


def _classes() -> list[Any]:
    members = typing.get_args(typing.get_args(C.Condition)[0])
    return [typing.get_args(m)[0] for m in members]


def test_fold_has_one_method_per_operator() -> None:
    abstract = set(C.Fold.__abstractmethods__)
    assert abstract == {"not_" if op == "not" else op for op in C.OPERATORS}
    assert {cls: C.operator(cls.model_construct()) for cls in _classes()}  # every class named


def test_a_fold_missing_an_operator_cannot_be_built() -> None:
    class Partial(C.Fold[int]):
        def equals(self, c: C.Equals, at: C.Loc) -> int:
            return 1

    with pytest.raises(TypeError, match="abstract"):
        Partial()  # type: ignore[abstract]


COND = {
    "all": [
        {"equals": {"field": "a.b", "value": 1}},
        {"not": {"one_of": {"field": "c[].d", "list": "xs"}}},
        {"any": [{"at_least": {"field": "e", "param": "p"}}, {"predicate": {"name": "certified"}}]},
    ]
}


class _Trace(C.Fold[str]):
    """Records the order and locations the fold visits."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, C.Loc]] = []

    def _leaf(self, c: Any, at: C.Loc) -> str:
        self.seen.append((C.operator(c), at))
        return C.operator(c)

    equals = one_of = all_in = none_in = contains_all = _leaf
    at_least = at_most = present = non_empty = matches = predicate = _leaf

    def all(self, c: C.All, parts: list[str], at: C.Loc) -> str:
        self.seen.append(("all", at))
        return f"all({','.join(parts)})"

    def any(self, c: C.Any_, parts: list[str], at: C.Loc) -> str:
        self.seen.append(("any", at))
        return f"any({','.join(parts)})"

    def not_(self, c: C.Not, inner: str, at: C.Loc) -> str:
        self.seen.append(("not", at))
        return f"not({inner})"


def test_fold_is_bottom_up_with_locations() -> None:
    cond = ADAPTER.validate_python(COND)
    trace = _Trace()
    assert C.fold(cond, trace, ("check",)) == "all(equals,not(one_of),any(at_least,predicate))"
    assert trace.seen == [
        ("equals", ("check", "all", 0)),
        ("one_of", ("check", "all", 1, "not")),
        ("not", ("check", "all", 1)),
        ("at_least", ("check", "all", 2, "any", 0)),
        ("predicate", ("check", "all", 2, "any", 1)),
        ("any", ("check", "all", 2)),
        ("all", ("check",)),
    ]


def test_walk_and_accessors() -> None:
    cond = ADAPTER.validate_python(COND)
    nodes = list(C.walk(cond))
    assert [C.operator(c) for c, _ in nodes] == [
        "all", "equals", "not", "one_of", "any", "at_least", "predicate",
    ]  # fmt: skip
    assert [C.field_of(c) for c, _ in nodes] == [None, "a.b", None, "c[].d", None, "e", None]
    assert [vs.named for c, _ in nodes if (vs := C.value_set_of(c))] == ["xs"]
    assert [b.param for c, _ in nodes if (b := C.bound_of(c))] == ["p"]
    assert nodes[3][1] == ("all", 1, "not")


NODE_TEST = re.compile(
    r"isinstance\([^)]*\b(Equals|OneOf|AllIn|NoneIn|ContainsAll|AtLeast|AtMost|Present|NonEmpty"
    r"|Matches|Predicate|All|Any_|Not)\b"
)


def test_readers_of_conditions_use_the_walker() -> None:
    """No module outside the engine dispatches on condition classes itself."""
    root = Path(inspect.getfile(api)).parent
    offenders = []
    for path in sorted(root.rglob("*.py")):
        if "engine" in path.parts or path.parent.name == "conditions":
            continue
        if NODE_TEST.search(path.read_text(encoding="utf-8")):
            offenders.append(path.name)
    assert offenders == []


def test_path_syntax() -> None:
    assert steps_of("a.b[].c") == (("a", False), ("b", True), ("c", False))
    assert keys_of("a.b[].c") == ("a", "b", "c")
    assert section_of("models[].provider") == "models"


def test_schema_problems_are_bilingual() -> None:
    info = field_info("vendor.contry")
    assert isinstance(info, PathProblem)
    assert "did you mean 'country'" in info.en
    assert "'country' の誤り" in info.ja
    assert not isinstance(field_info("vendor.country"), PathProblem)


ENGINE = Path(inspect.getfile(engine)).parent  # the engine package's directory
# A condition dispatch of its own: a table keyed by condition classes, a match on them, or a
# chain of isinstance tests (the engine reads conditions through model.conditions.fold).
OWN_DISPATCH = re.compile(
    r"dict\[type\b|case (Equals|OneOf|AllIn|NoneIn|ContainsAll|AtLeast|AtMost|Present|NonEmpty"
    r"|Matches|Predicate|All|Any_|Not)\(\)"
)
# A path parser or resolver of its own: splitting a path on dots, stripping `[]`, walking steps.
OWN_PATHS = re.compile(
    r"""\.split\(["']\.["']\)|removesuffix\(["']\[\]["']\)|def (_?resolve|_?steps_of)\b"""
)


@pytest.mark.parametrize("path", sorted(ENGINE.glob("*.py")), ids=lambda p: p.name)
def test_the_engine_uses_the_model_walker_and_paths(path: Path) -> None:
    """The engine compiles conditions with model.conditions.fold and resolves field paths with
    model.fields: no module under engine/ dispatches on condition classes or parses paths."""
    text = path.read_text(encoding="utf-8")
    assert not NODE_TEST.search(text), "isinstance on condition classes"
    assert not OWN_DISPATCH.search(text), "a condition dispatch of its own"
    assert not OWN_PATHS.search(text), "a field-path parser of its own"


def test_the_engine_shares_the_model_registries() -> None:
    """One DATA_LOCATION_FIELDS, one field-path cache, one signature per predicate."""
    from aiprocure.engine import context, predicates
    from aiprocure.model import fields
    from aiprocure.model import predicates as signatures

    assert vars(predicates)["DATA_LOCATION_FIELDS"] is signatures.DATA_LOCATION_FIELDS
    assert vars(context)["steps_of"] is fields.steps_of
    assert vars(context)["resolve"] is fields.resolve
    for name, spec in predicates.PREDICATES.items():
        assert spec.signature is signatures.SIGNATURES[name]


def test_fields_of_covers_every_predicate_signature() -> None:
    """A predicate call names exactly the fields its signature reads, so a finding's location and
    "not answered" message cover what the implementation reads; unknown predicates name none."""
    from aiprocure.model.predicates import SIGNATURES

    for name, sig in SIGNATURES.items():
        assert sig.fields, name
        call = ADAPTER.validate_python({"predicate": {"name": name}})
        assert C.fields_of(call) == list(sig.fields)
        nested = ADAPTER.validate_python(
            {"all": [{"present": {"field": "a.b"}}, {"not": {"predicate": {"name": name}}}]}
        )
        assert C.fields_of(nested) == ["a.b", *sig.fields]
        for path in sig.fields:
            assert not isinstance(field_info(path), PathProblem), (name, path)
    unknown = ADAPTER.validate_python({"predicate": {"name": "no_such_predicate"}})
    assert C.fields_of(unknown) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_rule_fields_resolve_in_the_examples(path: Path) -> None:
    """Every field a shipped rule names is a path ``resolve`` can read in the examples' data (a
    value or None, never an error), and reads the same by path and by steps."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    ruleset = api.load_checklists()
    paths = {
        f
        for rule in ruleset.rules
        for cond in (rule.check, rule.applies_if)
        if cond is not None
        for f in C.fields_of(cond)
    }
    for p in sorted(paths):
        assert value_at(data, p) == resolve(data, steps_of(p)), p
