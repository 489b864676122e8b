"""Compiled conditions (``engine.compiler``) and rule sets (``engine.compiled``) against the
interpreter they replaced.

The reference below is the engine's former tree-walking evaluator, kept as an oracle: for every
condition and every declaration, the compiled form must give the same result, observe the same
fields with the same values in the same order, and raise where it raised. Findings and high-risk
results built from compiled plans must equal those the interpreter built, field for field.
"""

from __future__ import annotations

import dataclasses
import pickle
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter

from aiprocure import api
from aiprocure.engine.assess import finding_sort_key
from aiprocure.engine.compiled import compile_ruleset
from aiprocure.engine.compiler import compile_condition
from aiprocure.engine.context import Context
from aiprocure.engine.findings import _evidence
from aiprocure.engine.locations import location_of
from aiprocure.engine.messages import message_plan
from aiprocure.engine.predicates import PREDICATES
from aiprocure.engine.verdicts import review_flags
from aiprocure.model.checklist import (
    All,
    AllIn,
    Any_,
    AtLeast,
    AtMost,
    Condition,
    ContainsAll,
    Equals,
    Matches,
    NoneIn,
    NonEmpty,
    OneOf,
    Predicate,
    Present,
    Rule,
    Scalar,
    _Bound,
    _ValueSet,
)
from aiprocure.model.common import Text
from aiprocure.model.conditions import fields_of
from aiprocure.model.declaration import Declaration
from aiprocure.model.findings import OPEN, Finding, Status
from aiprocure.model.regex import PatternError, compile_pattern
from aiprocure.model.ruleset import Ruleset
from aiprocure.sources.load import parse_file, validate
from aiprocure.sources.yamlsrc import Document
from tests.engine_support import (
    evaluate,
    evaluate_rule,
    findings_scores,
    high_risk,
    holds,
    report_findings,
)
from tests.unit.test_properties import declarations

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(
    p
    for p in (ROOT / "examples").glob("*.yaml")
    if p.read_text(encoding="utf-8").count("schema_version:")
)
PACK = ROOT / "examples" / "packs" / "ministry-extra.yaml"

# --- the reference: the interpreter as it was ------------------------------------------------

Result = bool | None


def _values(vs: _ValueSet, ctx: Context) -> frozenset[Scalar]:
    if vs.values is not None:
        return frozenset(vs.values)
    return ctx.ruleset.lists.get(vs.named or "", frozenset())


def _bound(b: _Bound, ctx: Context) -> float:
    if b.value is not None:
        return float(b.value)
    return ctx.ruleset.parameter_values[b.param or ""]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def ref_holds(cond: Condition, ctx: Context) -> Result:
    if isinstance(cond, Equals):
        v = ctx.get(cond.equals.field)
        return None if v is None else v == cond.equals.value
    if isinstance(cond, OneOf):
        v = ctx.get(cond.one_of.field)
        if v is None:
            return None
        allowed = _values(cond.one_of, ctx)
        return all(x in allowed for x in _as_list(v)) and v != []
    if isinstance(cond, AllIn):
        v = ctx.get(cond.all_in.field)
        if v is None:
            return None
        allowed = _values(cond.all_in, ctx)
        return all(x in allowed for x in _as_list(v))
    if isinstance(cond, NoneIn):
        v = ctx.get(cond.none_in.field)
        if v is None:
            return None
        banned = _values(cond.none_in, ctx)
        return not any(x in banned for x in _as_list(v))
    if isinstance(cond, ContainsAll):
        v = ctx.get(cond.contains_all.field)
        if v is None:
            return None
        return _values(cond.contains_all, ctx) <= set(_as_list(v))
    if isinstance(cond, AtLeast):
        n = _number(ctx.get(cond.at_least.field))
        return None if n is None else n >= _bound(cond.at_least, ctx)
    if isinstance(cond, AtMost):
        n = _number(ctx.get(cond.at_most.field))
        return None if n is None else n <= _bound(cond.at_most, ctx)
    if isinstance(cond, Present):
        return True if ctx.get(cond.present.field) is not None else None
    if isinstance(cond, NonEmpty):
        v = ctx.get(cond.non_empty.field)
        return None if v is None else v != []
    if isinstance(cond, Matches):
        v = ctx.get(cond.matches.field)
        if v is None:
            return None
        rx = compile_pattern(cond.matches.pattern)  # RE2, as the engine (model.regex)
        return all(rx.search(str(x)) is not None for x in _as_list(v))
    if isinstance(cond, Predicate):
        return PREDICATES[cond.predicate.name].fn(ctx, dict(cond.predicate.args))
    if isinstance(cond, All):
        results = [ref_holds(c, ctx) for c in cond.all]
        if any(r is False for r in results):
            return False
        return None if any(r is None for r in results) else True
    if isinstance(cond, Any_):
        results = [ref_holds(c, ctx) for c in cond.any]
        if any(r is True for r in results):
            return True
        return None if any(r is None for r in results) else False
    r = ref_holds(cond.not_, ctx)
    return None if r is None else not r


def ref_evaluate_rule(
    rule: Rule, data: dict[str, Any], ruleset: Ruleset, doc: Document | None, file: str
) -> Finding:
    fields = fields_of(rule.check)
    primary = fields[0] if fields else rule.evidence_section or ""
    section = rule.evidence_section or primary.split(".")[0].removesuffix("[]")
    ctx = Context(data, ruleset)
    refs = _evidence(data, section)
    status: Status
    if rule.applies_if is not None and ref_holds(rule.applies_if, ctx) is False:
        status, message = (
            Status.NOT_APPLICABLE,
            Text(ja="この案件には適用されません", en="Does not apply to this case"),
        )
    else:
        result = ref_holds(rule.check, ctx)
        if result is None:
            missing = [f for f in dict.fromkeys(fields) if ctx.observed.get(f) is None] or fields
            status = Status.UNANSWERED
            joined = ", ".join(missing)
            message = Text(ja=f"回答がありません: {joined}", en=f"Not answered: {joined}")
            primary = missing[0] if missing else primary
        elif result is False:
            status = Status.FAIL
            message = rule.message or Text(
                ja=f"要件を満たしていません: {rule.title.ja}",
                en=f"Requirement not met: {rule.title.en}",
            )
            filled = message_plan(rule, ruleset)  # {limit}, {missing}... (engine.messages)
            if filled is not None:
                message = filled.fill(data)
        elif rule.evidence_required and not refs:
            status = Status.UNVERIFIED
            message = Text(
                ja=f"根拠資料（evidence）が {section} に示されていません",
                en=f"The claim is not backed by evidence in {section}",
            )
            primary = section
        else:
            status, message = Status.PASS, Text(ja="要件を満たしています", en="Requirement met")
    # A holder predicate names the fact behind its answer (engine.holders): "@at" moves a fail or
    # unanswered finding onto it, "@unverified" turns a pass whose claim lacks evidence.
    at = ctx.observed.pop("@at", None)
    unverified = ctx.observed.pop("@unverified", None)
    if status is Status.PASS and isinstance(unverified, str):
        status, primary = Status.UNVERIFIED, unverified
        message = Text(
            ja=f"根拠資料（evidence）が {unverified} に示されていません",
            en=f"The claim is not backed by evidence in {unverified}",
        )
    elif isinstance(at, str) and status in (Status.FAIL, Status.UNANSWERED):
        primary = at
        if status is Status.UNANSWERED:
            message = Text(ja=f"回答がありません: {at}", en=f"Not answered: {at}")
    severity, reason = rule.severity, None
    if status is not Status.NOT_APPLICABLE:  # the highest row that holds or cannot be settled
        scratch = Context(data, ruleset)
        for row in rule.severity_by:
            met = ref_holds(row.when, scratch)
            if met is not False and row.severity.rank > severity.rank:
                severity = row.severity
                reason = (
                    row.reason
                    if met
                    else Text(
                        ja=f"{row.reason.ja}（該当するかが申告されていないため、最も厳しい区分とした）",
                        en=f"{row.reason.en} (not declared, so the worst case is assumed)",
                    )
                )
    return Finding(
        rule_id=rule.id,
        status=status,
        severity=severity,
        severity_base=rule.severity,
        severity_reason=reason,
        category=rule.category,
        sheet=rule.sheet,
        title=rule.title,
        message=message,
        remediation=rule.remediation,
        provenance=rule.provenance,
        references=list(rule.references),
        location=location_of(doc, primary, file),
        observed=dict(sorted(ctx.observed.items())),
        evidence=refs,
        review_flag=rule.review_flag and status in OPEN,
        waiver=None,
        conditions=[],
        any_region=[],
    )


# --- helpers -----------------------------------------------------------------------------------


def _same(a: Any, b: Any) -> None:
    """Equal values, down to types, key order and fields set."""
    assert type(a) is type(b), (a, b)
    if isinstance(a, BaseModel):
        assert a.model_fields_set == b.model_fields_set
        assert list(vars(a)) == list(vars(b))
        for key, value in vars(a).items():
            _same(value, vars(b)[key])
    elif isinstance(a, dict):
        assert list(a) == list(b)
        for key, value in a.items():
            _same(value, b[key])
    elif isinstance(a, list):
        assert len(a) == len(b)
        for x, y in zip(a, b, strict=True):
            _same(x, y)
    else:
        assert a == b


def _outcome(run: Any) -> tuple[str, Any]:
    try:
        return "ok", run()
    except (TypeError, KeyError, re.error, PatternError) as exc:
        return "raised", type(exc)


def _agree(cond: Condition, data: Any, ruleset: Ruleset) -> None:
    ref_ctx, ctx = Context(data, ruleset), Context(data, ruleset)
    expected = _outcome(lambda: ref_holds(cond, ref_ctx))
    compiled = compile_condition(cond, ruleset)
    got = _outcome(lambda: compiled(data, ctx.observed))
    assert got == expected
    assert type(got[1]) is type(expected[1])
    if expected[0] == "ok":
        assert list(ctx.observed.items()) == list(ref_ctx.observed.items())
        _same(ctx.observed, ref_ctx.observed)
        ctx2 = Context(data, ruleset)
        assert holds(cond, ctx2) == expected[1]
        assert ctx2.observed == ref_ctx.observed


RULESET = api.load_checklists()


def _documents() -> list[tuple[Document, dict[str, Any]]]:
    out = []
    for path in EXAMPLES:
        doc = parse_file(path)
        decl = validate(doc, Declaration)
        out.append((doc, decl.model_dump(mode="json", exclude_none=True)))
    return out


DOCUMENTS = _documents()


# --- shipped rules, examples and generated declarations ---------------------------------------


def _check_declaration(
    data: dict[str, Any], ruleset: Ruleset, doc: Document | None, *, fresh: bool = False
) -> None:
    compiled = compile_ruleset(ruleset) if fresh else api.compiled_ruleset(ruleset)
    for rule in ruleset.rules:
        _agree(rule.check, data, ruleset)
        if rule.applies_if is not None:
            _agree(rule.applies_if, data, ruleset)
    if ruleset.high_risk is not None:
        for vp in ruleset.high_risk.viewpoints:
            for level in vp.levels:
                _agree(level.when, data, ruleset)
    expected = [ref_evaluate_rule(r, data, ruleset, doc, "d.yaml") for r in ruleset.rules]
    _same(evaluate(data, compiled, doc, "d.yaml"), expected)
    _same(evaluate(data, compiled, doc, "d.yaml"), expected)
    ordered = sorted(expected, key=finding_sort_key)
    _same(report_findings(data, compiled, doc, "d.yaml").findings, ordered)
    found = report_findings(data, compiled, doc, "d.yaml")
    _same(found.findings, ordered)
    _same(found.categories, findings_scores(ordered, ruleset))  # remembered or not
    _same([evaluate_rule(r, data, ruleset, doc, "d.yaml") for r in ruleset.rules], expected)


@pytest.mark.slow  # every rule twice through both evaluators, per example
@pytest.mark.parametrize("index", range(len(DOCUMENTS)), ids=[p.name for p in EXAMPLES])
def test_examples_evaluate_as_the_interpreter_did(index: int) -> None:
    doc, data = DOCUMENTS[index]
    _check_declaration(data, RULESET, doc)
    _check_declaration(data, RULESET, None)
    with_pack = api.load_checklists([PACK])
    _check_declaration(data, with_pack, doc)


@pytest.mark.slow  # hypothesis
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(declarations())
def test_generated_declarations_evaluate_as_the_interpreter_did(data: dict[str, Any]) -> None:
    _check_declaration(data, RULESET, None)  # as parsed
    dumped = Declaration.model_validate(data).model_dump(mode="json", exclude_none=True)
    _check_declaration(dumped, RULESET, None)  # as the engine is given it


# --- generated conditions over generated data ----------------------------------------------------

PATHS = ["a", "b", "a.b", "a.c", "a.b.c", "a.b.c.d", "l[].x", "l[].y[].z", "a.l[].x", "l"]
SCALARS = st.one_of(
    st.sampled_from(["x", "y", "JP", "US", ""]),
    st.integers(-3, 5),
    st.sampled_from([0.0, 1.5, 2.0, -1.0]),
    st.booleans(),
)
VALUES = st.recursive(
    st.one_of(st.none(), SCALARS),
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(
            st.sampled_from(["a", "b", "c", "d", "l", "x", "y", "z"]), children, max_size=4
        ),
    ),
    max_leaves=12,
)
DATA = st.dictionaries(st.sampled_from(["a", "b", "l", "vendor"]), VALUES, max_size=4)

LISTS: dict[str, frozenset[Scalar]] = {
    "colors": frozenset({"x", "JP", 1, 2.0}),
    "empty": frozenset(),
}
PARAMS = {"limit": 2.0}


def _value_set(draw: st.DrawFn, key: str) -> dict[str, Any]:
    path = draw(st.sampled_from(PATHS))
    if draw(st.booleans()):
        return {key: {"field": path, "values": draw(st.lists(SCALARS, max_size=3))}}
    return {key: {"field": path, "list": draw(st.sampled_from(["colors", "empty", "missing"]))}}


def _bound_arg(draw: st.DrawFn, key: str) -> dict[str, Any]:
    path = draw(st.sampled_from(PATHS))
    if draw(st.booleans()):
        return {key: {"field": path, "value": draw(st.sampled_from([0, 1, 2.5, 4]))}}
    return {key: {"field": path, "param": draw(st.sampled_from(["limit", "missing"]))}}


@st.composite
def leaves(draw: st.DrawFn) -> dict[str, Any]:
    path = draw(st.sampled_from(PATHS))
    kind = draw(st.sampled_from(range(11)))
    if kind == 0:
        return {"equals": {"field": path, "value": draw(SCALARS)}}
    if kind in (1, 2, 3, 4):
        return _value_set(draw, ["one_of", "all_in", "none_in", "contains_all"][kind - 1])
    if kind in (5, 6):
        return _bound_arg(draw, ["at_least", "at_most"][kind - 5])
    if kind == 7:
        return {"present": {"field": path}}
    if kind == 8:
        return {"non_empty": {"field": path}}
    if kind == 9:
        pattern = draw(st.sampled_from(["^x", "J", "[0-9]", "(", "True"]))
        return {"matches": {"field": path, "pattern": pattern}}
    name = draw(st.sampled_from(sorted(PREDICATES)))
    return {"predicate": {"name": name, "args": {}}}


CONDITIONS = st.recursive(
    leaves(),
    lambda children: st.one_of(
        st.lists(children, min_size=1, max_size=4).map(lambda cs: {"all": cs}),
        st.lists(children, min_size=1, max_size=4).map(lambda cs: {"any": cs}),
        children.map(lambda c: {"not": c}),
    ),
    max_leaves=8,
)


CONDITION: TypeAdapter[Condition] = TypeAdapter(Condition)


def _condition(raw: dict[str, Any]) -> Condition:
    return CONDITION.validate_python(raw)


def _toy_ruleset() -> Ruleset:
    rs = Ruleset(checklists=[])
    rs.lists.update(LISTS)
    rs.lists.update(RULESET.lists)
    rs.parameter_values.update(PARAMS)
    return rs


TOY = _toy_ruleset()


@pytest.mark.slow  # hypothesis
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CONDITIONS, DATA)
def test_generated_conditions_compile_to_the_interpreters_semantics(
    raw: dict[str, Any], data: dict[str, Any]
) -> None:
    _agree(_condition(raw), data, TOY)


@pytest.mark.parametrize("data", [None, [], "text", 3, {"a": None}, {"a": [{"b": 1}]}])
def test_odd_data_reads_as_the_interpreter_did(data: Any) -> None:
    for path in PATHS:
        _agree(_condition({"present": {"field": path}}), data, TOY)
        _agree(_condition({"non_empty": {"field": path}}), data, TOY)


# --- plans follow the rule set -------------------------------------------------------------------


def test_a_changed_rule_list_compiles_to_its_own_plans() -> None:
    rs = api.load_checklists()
    data = DOCUMENTS[0][1]
    before = evaluate(data, compile_ruleset(rs), None, "d.yaml")
    fewer = dataclasses.replace(rs, rules=rs.rules[:-1])
    assert [f.rule_id for f in evaluate(data, fewer, None, "d.yaml")] == [
        f.rule_id for f in before[:-1]
    ]
    assert api.compiled_ruleset(fewer) is api.compiled_ruleset(fewer)  # compiled once
    more = dataclasses.replace(rs, rules=[*rs.rules, *rs.rules[:3]])
    _check_declaration(data, more, None)  # ties in the report order keep the rule set's order


def test_a_replaced_rule_set_compiles_its_own_parameters() -> None:
    rs = api.load_checklists()
    name = next(iter(rs.parameter_values))
    data = DOCUMENTS[0][1]
    values = {**rs.parameter_values, name: -1e9}
    changed = dataclasses.replace(rs, parameter_values=values)
    first, second = api.compiled_ruleset(rs), api.compiled_ruleset(changed)
    assert first is not second
    assert all(a is not b for a, b in zip(first.rules, second.rules, strict=True))
    expected = [ref_evaluate_rule(r, data, changed, None, "d.yaml") for r in changed.rules]
    _same(evaluate(data, changed, None, "d.yaml"), expected)


def test_a_compiled_rule_set_pickles_as_its_rule_set_and_compiles_again() -> None:
    compiled = api.compiled_ruleset(RULESET)
    again = pickle.loads(pickle.dumps(compiled))
    assert again is not compiled
    assert [p.rule_id for p in again.report_order] == [p.rule_id for p in compiled.report_order]
    data = DOCUMENTS[0][1]
    _same(evaluate(data, again, None, "d.yaml"), evaluate(data, compiled, None, "d.yaml"))


def test_a_compiled_rule_set_is_immutable() -> None:
    compiled = api.compiled_ruleset(RULESET)
    with pytest.raises(dataclasses.FrozenInstanceError):
        compiled.rules = ()  # type: ignore[misc]
    assert isinstance(compiled.rules, tuple)
    assert isinstance(compiled.checklist_infos, tuple)


def test_high_risk_matches_the_interpreter() -> None:
    sheet = RULESET.high_risk
    assert sheet is not None
    for doc, data in DOCUMENTS:
        result = high_risk(data, RULESET, doc, "d.yaml")
        assert result is not None
        for vp, got in zip(sheet.viewpoints, result.viewpoints, strict=True):
            # Three-state (docs/verdicts.md 5.1): an unknown level may be the one, so the walk
            # goes on past it; a true level ends it. Settled only when every possible level agrees.
            ctx = Context(data, RULESET)
            possible: list[Any] = []
            for level in vp.levels:
                r = ref_holds(level.when, ctx)
                if r is None:
                    possible.append(level)
                elif r:
                    possible.append(level)
                    break
            else:
                possible.append(None)
            highs = {None if lv is None else lv.high for lv in possible}
            settled = len(highs) == 1 and None not in highs
            chosen = possible[0] if len(possible) == 1 or settled else None
            assert got.level == (chosen.id if chosen else None)
            assert got.high == (highs.pop() if settled else None)
            assert list(got.observed.items()) == sorted(ctx.observed.items())


def test_report_findings_score_and_flag_as_the_findings_do() -> None:
    for doc, data in DOCUMENTS:
        found = report_findings(data, RULESET, doc, "d.yaml")
        hr = high_risk(data, RULESET, doc, "d.yaml")
        _same(found.categories, findings_scores(found.findings, RULESET))
        failed = [f for f in found.findings if f.review_flag and f.status in OPEN]
        _same(review_flags(found.flagged, hr), review_flags(failed, hr))


def test_categories_outside_the_rule_set_come_last_in_order_of_appearance() -> None:
    findings = list(evaluate(DOCUMENTS[0][1], RULESET, None, "d.yaml"))
    moved = [
        f.model_copy(update={"category": name})
        for f, name in zip(findings[:3], ["zz_extra", "aa_extra", "zz_extra"], strict=True)
    ]
    scores = findings_scores([*moved, *findings[3:]], RULESET)
    assert [c.category for c in scores][-2:] == ["zz_extra", "aa_extra"]
    assert scores[-1].title == Text(ja="aa_extra", en="aa_extra")
    assert sum(c.counts[Status.PASS] for c in scores) == sum(
        f.status is Status.PASS for f in findings
    )


def test_report_scores_of_rules_outside_the_rule_sets_categories() -> None:
    rs = api.load_checklists()
    data = DOCUMENTS[0][1]
    before = report_findings(data, rs, None, "d.yaml").categories
    moved = [
        r.model_copy(update={"category": name})
        for r, name in zip(rs.rules[:3], ["zz_extra", "aa_extra", "zz_extra"], strict=True)
    ]
    rs = dataclasses.replace(rs, rules=[*moved, *rs.rules[3:]])
    assert api.compiled_ruleset(rs).categories is None
    found = report_findings(data, rs, None, "d.yaml")
    scores = found.categories
    _same(scores, findings_scores(found.findings, rs))
    assert [c.category for c in scores][-2:] == ["zz_extra", "aa_extra"]
    assert scores != before


def test_each_report_gets_counts_of_its_own() -> None:
    data = DOCUMENTS[0][1]
    first = report_findings(data, RULESET, None, "d.yaml").categories
    again = report_findings(data, RULESET, None, "d.yaml").categories
    _same(first, again)
    assert all(a.counts is not b.counts for a, b in zip(first, again, strict=True))
