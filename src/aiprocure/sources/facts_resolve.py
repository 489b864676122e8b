"""The resolution of a conditional fact to the value the rules see (docs/declaration-format.md
section 2): pure functions over a wrapper already checked for shape (``facts_shape``).

Conservative throughout: a fact never becomes better than what the declaration commits the
ministry to; without a commitment it is unanswered, except where more values can only mean more
risk, where the worst over every option counts (so that leaving the choice out never helps:
docs/declaration-format.md, "Silence and the deletion property").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aiprocure.model.facts import Condition, ConditionKind, FactNote, NoteKind, Resolution

PathKey = tuple[str | int, ...]

# Facts where more values can only mean more risk: lists of places and laws (union), and retention
# numbers that a rule caps (maximum). "*" stands for any list index.
MORE_IS_WORSE_LISTS: frozenset[tuple[str, ...]] = frozenset(
    {
        ("data_locations", "storage"),
        ("data_locations", "processing"),
        ("data_locations", "backup"),
        ("data_locations", "logs"),
        ("data_locations", "system_data"),
        ("sub_processors", "entities", "*", "locations"),
        ("system", "models", "*", "platform", "locations"),
        ("foreign_law", "subject_to"),
        ("sub_processors", "entities", "*", "foreign_law", "subject_to"),
    }
)
MORE_IS_WORSE_NUMBERS: frozenset[tuple[str, ...]] = frozenset(
    {("retention", "prompt_days"), ("retention", "deletion_days_after_termination")}
)
# The numbers that may carry `exceptions`. `log_days` is among them but a rule asks for *at least*
# N days of logs (audit), so an exception that keeps some logs longer never raises the value the
# rules see: it is recorded as a note only.
EXCEPTION_FIELDS: frozenset[tuple[str, ...]] = frozenset(
    {*MORE_IS_WORSE_NUMBERS, ("retention", "log_days")}
)
OPEN_ENDED_DAYS = 36_500  # the largest number of days the format accepts


class Any_:
    """The `any` region: every country (absorbs every list in a union)."""

    def __repr__(self) -> str:
        return "ANY"


ANY = Any_()


def pattern(path: PathKey) -> tuple[str, ...]:
    return tuple("*" if isinstance(p, int) else p for p in path)


@dataclass(frozen=True)
class Exception_:
    value: int | None
    detail: str | None
    basis: str | None
    line: int
    col: int


@dataclass(frozen=True)
class Option:
    """One statement of the fact's value: the only one of form (b), or one of form (c)."""

    value: Any
    when: ConditionKind
    detail: str | None
    line: int  # where its `value` starts
    col: int
    chosen: bool = False
    committed: bool = False  # form (b) with ministry_commits: true
    exceptions: tuple[Exception_, ...] = ()
    complete: bool | None = None


@dataclass
class Resolved:
    """The effective value (``answered`` False: the key is removed) and what it rests on."""

    answered: bool
    value: Any
    resolution: Resolution
    counted: tuple[int, ...]  # the options whose value counts, in order
    conditions: list[Condition] = field(default_factory=list)
    notes: list[FactNote] = field(default_factory=list)


def _json(value: Any) -> Any:
    return "any" if value is ANY else value


def _note(path: str, kind: NoteKind, opt: Option, value: Any = None) -> FactNote:
    return FactNote(path, kind, opt.detail, _json(value), opt.line, opt.col)


def _exceptions(
    path: str, opt: Option, number: bool
) -> tuple[Any, Resolution | None, list[FactNote]]:
    """The option's value once its exceptions are applied (only for capped numbers)."""
    value, how, notes = opt.value, None, []
    for exc in opt.exceptions:
        if exc.value is None and exc.basis == "law":
            notes.append(
                FactNote(path, NoteKind.LAW_EXCEPTION, exc.detail, None, exc.line, exc.col)
            )
            continue
        notes.append(FactNote(path, NoteKind.EXCEPTION, exc.detail, exc.value, exc.line, exc.col))
        if not number or not isinstance(value, int) or isinstance(value, bool):
            continue
        if exc.value is None:
            value, how = OPEN_ENDED_DAYS, Resolution.OPEN_ENDED
        elif how is not Resolution.OPEN_ENDED and exc.value > value:
            value, how = exc.value, Resolution.EXCEPTION
    return value, how, notes


def _worst(values: list[Any], number: bool) -> Any:
    """The union of lists (`any` absorbs every list) or the largest number; a value of the wrong
    type is returned as it is, for the model to refuse at its position."""
    if number:
        bad = [v for v in values if not isinstance(v, int) or isinstance(v, bool)]
        return bad[0] if bad else max(values)
    out: list[Any] = []
    for v in values:
        if v is ANY:
            return ANY
        if not isinstance(v, list):
            return v
        out.extend(x for x in v if x not in out)
    return out


def resolve(path: PathKey, dotted: str, options: list[Option], form_value: bool) -> Resolved:
    """Section 2 of docs/declaration-format.md, with the conservative amendments written there."""
    key = pattern(path)
    number = key in MORE_IS_WORSE_NUMBERS
    worse = number or key in MORE_IS_WORSE_LISTS
    chosen = [i for i, o in enumerate(options) if o.chosen]
    if chosen:
        counted = chosen[0]
        how = Resolution.CHOSEN
    elif len(options) == 1:
        counted = 0
        opt = options[0]
        if opt.when is not ConditionKind.DEFAULT and not opt.committed:
            return Resolved(
                False,
                None,
                Resolution.UNANSWERED,
                (),
                notes=[_note(dotted, NoteKind.NOT_COMMITTED, opt, opt.value)],
            )
        if opt.when is ConditionKind.DEFAULT:
            how = Resolution.UNCONDITIONAL if form_value else Resolution.DEFAULT_OPTION
        else:
            how = Resolution.COMMITTED
    elif worse:  # choices and no decision: the worst of them all counts
        notes: list[FactNote] = []
        values = []
        for opt in options:
            value, _, more = _exceptions(dotted, opt, number)
            values.append(value)
            notes += more
            notes.append(_note(dotted, NoteKind.UNION_TAKEN, opt, opt.value))
        return Resolved(
            True, _worst(values, number), Resolution.UNION, tuple(range(len(options))), notes=notes
        )
    else:  # choices and no decision: nothing is committed
        notes = [_note(dotted, NoteKind.ALTERNATIVE, o, o.value) for o in options]
        return Resolved(False, None, Resolution.UNANSWERED, (), notes=notes)
    opt = options[counted]
    value, raised, notes = _exceptions(dotted, opt, number)
    conditions = []
    if opt.when is not ConditionKind.DEFAULT:
        conditions.append(Condition(dotted, opt.when, opt.detail, _json(value), opt.line, opt.col))
    notes += [
        _note(dotted, NoteKind.ALTERNATIVE, o, o.value)
        for i, o in enumerate(options)
        if i != counted
    ]
    if opt.complete is False:
        notes.append(_note(dotted, NoteKind.INCOMPLETE_LIST, opt, opt.value))
    return Resolved(True, value, raised or how, (counted,), conditions, notes)
