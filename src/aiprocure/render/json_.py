"""JSON (report format 2): the report data, in a stable field order, with each rule's texts once in
a ``rules`` table. One declaration gives a Report; several give a ReportSet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from aiprocure.model.common import Lang
from aiprocure.model.findings import REPORT_VERSION, Finding, Report, RuleInfo, maker
from aiprocure.render.json_bytes import _json

SCHEMA_ID = f"urn:aiprocure:report:{REPORT_VERSION}"

# What a finding says about its rule (title, remediation, references...) is written once, in the
# document's ``rules`` table; a location's file is the report's ``subject.declaration``. Repeating
# both in every finding made the JSON 60 times the size of the YAML it reports on.
_RULE_FIELDS = ("category", "sheet", "title", "remediation", "provenance", "references")
_NO_FILE: dict[str, Any] = {"location": {"file": True}}
_EXCLUDE_REPORT: dict[str, Any] = {
    "findings": {"__all__": {**dict.fromkeys(_RULE_FIELDS, True), **_NO_FILE}},
    "review_flags": {"__all__": _NO_FILE},
    "high_risk": {"viewpoints": {"__all__": _NO_FILE}},
    "risk": {"escalations": {"__all__": _NO_FILE}},
    "determination": {"reasons": {"__all__": _NO_FILE}},
}


class _Entry(Report):
    """A report as the JSON document holds it (serialisation only)."""

    rules: dict[str, RuleInfo] | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="the rules of this report's findings, by rule ID: always in a standalone "
        "report; in a ReportSet only where they differ from the set's `rules`",
    )


class _Head(BaseModel):
    """The start of a ReportSet: its version and the rules its findings share."""

    report_version: str
    rules: dict[str, RuleInfo]


class _ReportSet(_Head):
    """Several reports in one document (for the schema; ``Writer`` writes it)."""

    reports: list[_Entry]


def _same(f: Finding, info: RuleInfo) -> bool:
    """The finding says about its rule what ``info`` says. Findings from one rule set share the
    very objects, so identity answers almost always (a list compares its items by identity
    first); equality is the fallback."""
    d, e = info.__dict__, f.__dict__
    return (
        e["title"] is d["title"]
        and e["remediation"] is d["remediation"]
        and e["references"] == d["references"]
        and e["category"] == d["category"]
        and e["sheet"] == d["sheet"]
        and e["provenance"] is d["provenance"]
    ) or RuleInfo.of(f) == info


def _rules_of(report: Report) -> dict[str, RuleInfo]:
    """The report's rules table, in rule-ID order."""
    table = {f.rule_id: RuleInfo.of(f) for f in report.findings}
    return {k: table[k] for k in sorted(table)}


_new_entry = maker(_Entry)


def _entry(report: Report, rules: dict[str, RuleInfo] | None) -> _Entry:
    return _new_entry({**report.__dict__, "rules": rules})


@dataclass(frozen=True, slots=True)
class JsonPiece:
    """One report already rendered as its line of a ReportSet, by a worker process."""

    line: bytes
    status: int  # the CI gate's exit status for this report alone
    rules: dict[str, RuleInfo] | None  # the report's rules, where the receiver may not have them
    report: Report | None  # the report itself, where it may have to be written standalone


def piece_of(report: Report, *, status: int, with_rules: bool, keep_report: bool) -> JsonPiece:
    """``report`` as a Writer would write it in a set, assuming it shares the set's rules."""
    return JsonPiece(
        line=_json(_entry(report, None), _EXCLUDE_REPORT, None),
        status=status,
        rules=_rules_of(report) if with_rules else None,
        report=report if keep_report else None,
    )


class Writer:
    """Builds the JSON document one report at a time, keeping bytes instead of report objects
    (``check --format json`` writes what ``take`` gives as it goes: memory flat in the batch);
    ``render_bytes`` is the same writer fed from a list. One report is written standalone,
    indented by two spaces. A ReportSet indents its version and rules the same way and then writes
    each report compact on a line of its own: a batch stays greppable, a line diff points at the
    declaration that changed, and the document is 40 % smaller."""

    def __init__(self, *, one_rule_set: bool = False) -> None:
        """``one_rule_set``: the caller vouches that every report comes from the same rule set
        (one session, as in ``aiprocure check``), so only the first report's rules are read."""
        self._one_rule_set = one_rule_set
        self._shared: dict[str, RuleInfo] = {}
        self._lines: list[bytes] = []  # not yet taken (``take``)
        self._first: Report | None = None
        self._count, self._taken = 0, False

    def add(self, report: Report) -> None:
        self._count += 1
        if self._first is None:
            self._first = report
            if self._one_rule_set:
                self._shared = _rules_of(report)
        elif self._one_rule_set:
            self._lines.append(_json(_entry(report, None), _EXCLUDE_REPORT, None))
            return
        shared = self._shared
        own = None
        for f in report.findings:
            known = shared.get(f.rule_id)
            if known is None:
                shared[f.rule_id] = RuleInfo.of(f)
            elif not _same(f, known):
                own = _rules_of(report)  # reports from different rule sets: this one keeps its own
                break
        self._lines.append(_json(_entry(report, own), _EXCLUDE_REPORT, None))

    def add_piece(self, piece: JsonPiece) -> None:
        """A report rendered elsewhere (``piece_of``) from the same rule set as the others."""
        self._count += 1
        if piece.report is not None and self._first is None:
            self._first = piece.report
        for rule_id, info in (piece.rules or {}).items():
            known = self._shared.setdefault(rule_id, info)
            if known != info:  # pragma: no cover - one session, one rule set
                raise ValueError(f"rule {rule_id} differs between the reports of one run")
        self._lines.append(piece.line)

    @property
    def count(self) -> int:
        """Reports added so far."""
        return self._count

    def take(self) -> bytes:
        """What is settled of the document, forgotten here (one rule set: the rules are those of
        the first report). ``take``s then ``finish`` give the bytes ``finish`` alone would."""
        if not self._one_rule_set or len(self._lines) < 2:
            return b""
        *ready, last = self._lines
        self._lines = [last]
        head = b"" if self._taken else self._head() + b'"reports": [\n'
        self._taken = True
        return head + b"".join(b"    " + line + b",\n" for line in ready)

    def _head(self) -> bytes:
        rules = {k: self._shared[k] for k in sorted(self._shared)}
        start = _json(_Head.model_construct(report_version=REPORT_VERSION, rules=rules), None, 2)
        if not start.endswith(b"\n}"):  # pragma: no cover - how indent=2 ends an object
            raise AssertionError(start[-10:])
        return start[:-2] + b",\n  "

    def finish(self) -> bytes:
        lines = self._lines
        if self._taken:
            return b"    " + lines[0] + b"\n  ]\n}\n"
        if len(lines) == 1 and self._first is not None:
            first = self._first
            return _json(_entry(first, _rules_of(first)), _EXCLUDE_REPORT, 2) + b"\n"
        body = (
            b'"reports": [\n    ' + b",\n    ".join(lines) + b"\n  ]" if lines else b'"reports": []'
        )
        return b"".join((self._head(), body, b"\n}\n"))


def render_bytes(reports: Sequence[Report], lang: Lang) -> bytes:
    """The JSON document as UTF-8 (what ``render`` returns, without decoding it only to write it)."""
    del lang  # the JSON report carries both languages
    writer = Writer()
    for report in reports:
        writer.add(report)
    return writer.finish()


def render(reports: Sequence[Report], lang: Lang) -> str:
    return render_bytes(reports, lang).decode()
