"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run for all declarations (GitHub no longer merges several runs of one tool and category), so:

* ``tool.driver.rules`` lists every rule that was evaluated, passing or not, sorted by ID. Listing
  the passing ones lets code scanning tell "fixed" from "not run" and close an alert;
* ``tool.extensions`` names each checklist and its version;
* a result is emitted per non-passing finding (fail, unanswered, unverified); pass and
  not_applicable give no result. Waived findings are not uploaded as alerts (GitHub ignores
  ``suppressions`` and would show them open): the run's properties list them
  (``aiprocure_waived``); ``include_waived`` adds them as results with an ``external`` suppression
  that carries the waiver's justification;
* every ``uri`` is relative to ``base_dir`` and names the base ``%SRCROOT%``, declared in
  ``originalUriBaseIds`` (a path outside the base is written as an absolute ``file:`` URI);
* a declaration that could not be read is a ``toolExecutionNotifications`` entry of the run's
  invocation and an error result (rule ``aiprocure-input``) at its position, so that code
  scanning never reads its absence as "fixed";
* GitHub's upload limits (25,000 results per run, 10 MB gzipped) raise ``LimitError`` rather than
  give a file the upload would reject;
* each high-risk review flag from the use-case sheet becomes a result too (rule = viewpoint ID), so
  a pull request that adds a high-risk case is annotated with "goes to CAIO review";
* ``level`` follows severity: critical and high -> error, medium -> warning, low and info -> note;
  ``security-severity`` (a string, 0.0-10.0) lets GitHub show critical/high/medium/low;
* ``partialFingerprints["aiprocure/v1"]`` hashes (file, rule, field) and not the line, so an alert
  survives edits above it.

No invocation object and no timestamps: identical input gives identical bytes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from aiprocure.model.common import Lang
from aiprocure.model.findings import Report, Status
from aiprocure.render import sarif_ci as ci
from aiprocure.render import sarif_conditions as acc
from aiprocure.render import sarif_rules
from aiprocure.render.options import RenderOptions
from aiprocure.render.sarif_results import (
    FINGERPRINT_KEY,
    LEVELS,
    REVIEW_LEVEL,
    _clean,
    _dumps,
    dumps_clean,
    finding_result,
    flag_result,
    summary,
)
from aiprocure.render.verdicts import warns_only

__all__ = [
    "FINGERPRINT_KEY",
    "INFORMATION_URI",
    "INPUT_RULE",
    "LEVELS",
    "REPORTED",
    "REVIEW_LEVEL",
    "SCHEMA_URI",
    "Log",
    "_clean",
    "_dumps",
    "file_uri",
    "render",
]

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = ci.INFORMATION_URI
INPUT_RULE = ci.INPUT_RULE
# Statuses that produce a result (waived ones only with ``include_waived``, suppressed).
REPORTED = (Status.FAIL, Status.UNANSWERED, Status.UNVERIFIED)
_VIEWPOINT_FLAGS = ("high_risk_viewpoint", "undetermined_viewpoint")
file_uri = ci.file_uri

ResultKey = tuple[str, int, int, str]  # uri, line, column, rule: the order of the results
_END = "\n    }\n  ]\n}"  # what closes the run, the runs and the log (indented by two)
_INDEX = '\n  "ruleIndex": '  # a result's second line: its rule's index, known at the end


def render(
    reports: Sequence[Report],
    lang: Lang,
    *,
    tool_version: str | None = None,
    options: RenderOptions | None = None,
) -> str:
    """The SARIF log. The driver's version is the reports' own ``tool_version`` (the lowest, if
    they differ); ``tool_version`` is only for a log of no reports, which otherwise names none.
    Raises ``LimitError`` when the log is over GitHub's upload limits."""
    log = Log(lang, options, tool_version=tool_version)
    for report in reports:
        log.add(report)
    text = "".join(log.pieces())
    ci.check_size(text)
    return text


class _Unknown(dict[str, int]):
    """Every rule's index, while the rules are not all known: 0, written over at the end."""

    def __missing__(self, key: str) -> int:
        return 0


class Store(Protocol):
    """Where a log keeps its pieces until it is written (``MemoryStore``; a sink spools them)."""

    def keep(self, key: ResultKey, seq: int, rule: str, pre: str, post: str) -> None: ...
    def sorted(self) -> Iterator[tuple[str, str, str]]: ...
    def keep_summary(self, text: str) -> None: ...
    def summaries(self) -> Iterator[str]: ...
    def keep_waived(self, text: str) -> None: ...
    def waived(self) -> Iterator[str]: ...


class MemoryStore:
    """The pieces in lists."""

    def __init__(self) -> None:
        self._results: list[tuple[ResultKey, int, str, str, str]] = []
        self._summaries: list[str] = []
        self._waived: list[str] = []

    def keep(self, key: ResultKey, seq: int, rule: str, pre: str, post: str) -> None:
        self._results.append((key, seq, rule, pre, post))

    def sorted(self) -> Iterator[tuple[str, str, str]]:
        for _, _, rule, pre, post in sorted(self._results, key=lambda r: (r[0], r[1])):
            yield rule, pre, post

    def keep_summary(self, text: str) -> None:
        self._summaries.append(text)

    def summaries(self) -> Iterator[str]:
        return iter(self._summaries)

    def keep_waived(self, text: str) -> None:
        self._waived.append(text)

    def waived(self) -> Iterator[str]:
        return iter(self._waived)


class Log:
    """The log, report by report: each result becomes its JSON text as it is added (kept with its
    sort key, and the place of its rule's index, known only at the end), each report's summary
    and waived findings their text (all in ``store``); rules, checklists and evidence files are
    kept once each. ``pieces`` writes the log, the results sorted."""

    def __init__(
        self,
        lang: Lang,
        options: RenderOptions | None = None,
        *,
        tool_version: str | None = None,
        store: Store | None = None,
    ) -> None:
        self.lang = lang
        self.options = options or RenderOptions()
        self.where = ci.Where(self.options)
        self.store: Store = store or MemoryStore()
        self.results = 0
        self.reports = 0
        self._tool_version = tool_version
        self._version: str | None = None
        self._rules: dict[str, dict[str, Any]] = {}
        self._extensions: dict[tuple[str, str], dict[str, Any]] = {}
        self._artifacts: dict[str, dict[str, Any]] = {}

    def add(self, report: Report) -> None:
        lang, where, unknown = self.lang, self.where, _Unknown()
        self.reports += 1
        if self._version is None or report.tool_version < self._version:
            self._version = report.tool_version
        sarif_rules.add_rules(self._rules, report, lang)
        for cl in report.checklists:
            self._extensions.setdefault(
                (cl.id, cl.version),
                {"name": cl.id, "version": cl.version, "fullName": cl.title.get(lang)},
            )
        for d in report.inputs:
            if d.kind == "evidence":
                location = where.artifact(d.path)
                self._artifacts.setdefault(
                    location["uri"],
                    {
                        "location": location,
                        "roles": ["attachment"],
                        "hashes": {"sha-256": d.sha256},
                    },
                )
        include_waived = self.options.include_waived
        for finding in report.findings:
            if finding.status in REPORTED:
                self._result(finding_result(finding, unknown, lang, where))
            elif finding.status is Status.WAIVED:
                if include_waived:
                    self._result(finding_result(finding, unknown, lang, where))
                self.store.keep_waived(_text(ci.waived(finding, where), 10))
        for flag in report.review_flags:  # raised and undetermined viewpoints (section 5.4)
            if flag.kind in _VIEWPOINT_FLAGS:
                warn = warns_only(report)
                self._result(flag_result(flag, unknown, lang, where, warn=warn))
        self.store.keep_summary(_text({**summary(report), **acc.summary(report, lang)}, 10))

    def _result(self, result: dict[str, Any]) -> None:
        self.results += 1
        if self.results > ci.MAX_RESULTS:  # the log will be refused: only counted
            return
        region = result["locations"][0]["physicalLocation"]
        key = (
            region["artifactLocation"]["uri"],
            region["region"]["startLine"],
            region["region"]["startColumn"],
            result["ruleId"],
        )
        text = dumps_clean(result)
        at = text.index(_INDEX + "0,") + len(_INDEX)
        indent = "\n" + " " * 8
        pre, post = text[:at].replace("\n", indent), text[at + 1 :].replace("\n", indent)
        self.store.keep(key, self.results, result["ruleId"], pre, post)

    def pieces(self) -> Iterator[str]:
        """The log's text, in pieces. Raises ``LimitError`` over GitHub's count of results
        before it writes any (its size is the caller's to check)."""
        lang, opts, where = self.lang, self.options, self.where
        rules = [self._rules[k] for k in sorted(self._rules)]
        if opts.problems:
            rules.append(ci.input_rule(lang))
            rules.sort(key=lambda r: str(r["id"]))
        index = {rule["id"]: i for i, rule in enumerate(rules)}
        for p in opts.problems:
            self._result(ci.problem_result(p, _Unknown(), lang, where))
        ci.check_result_count(self.results)
        version = self._version or self._tool_version
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "aiprocure",
                    **({"semanticVersion": version, "version": version} if version else {}),
                    "informationUri": INFORMATION_URI,
                    "rules": rules,
                },
                "extensions": [self._extensions[k] for k in sorted(self._extensions)],
            },
        }
        if opts.problems:
            run["invocations"] = [
                {
                    "executionSuccessful": False,
                    "toolExecutionNotifications": [
                        ci.notification(p, lang, where) for p in opts.problems
                    ],
                }
            ]
        if opts.category:
            run["automationDetails"] = {"id": opts.category.rstrip("/") + "/"}
        if where.base is not None:
            run["originalUriBaseIds"] = {ci.SRCROOT: {"uri": ci.dir_uri(where.base)}}
        run["columnKind"] = "unicodeCodePoints"
        if self._artifacts:  # evidence files, with their sha-256
            run["artifacts"] = [self._artifacts[k] for k in sorted(self._artifacts)]
        head = dumps_clean({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]})
        yield head.removesuffix(_END) + ',\n      "results": '
        yield from _array(
            (f"{pre}{index[rule]}{post}" for rule, pre, post in self.store.sorted()), 8
        )
        yield ',\n      "properties": {\n        "aiprocure": '
        yield from _array(self.store.summaries(), 10)
        waived = self.store.waived()
        first = next(waived, None)
        if first is not None:
            yield ',\n        "aiprocure_waived": '
            yield from _array(_chain(first, waived), 10)
        yield "\n      }" + _END + "\n"


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _array(items: Iterator[str], indent: int) -> Iterator[str]:
    """A JSON array of texts already indented for their place (``json.dumps(indent=2)``'s form)."""
    pad = " " * indent
    first = True
    for item in items:
        yield f"[\n{pad}{item}" if first else f",\n{pad}{item}"
        first = False
    yield "[]" if first else f"\n{pad[:-2]}]"


def _text(value: Any, indent: int) -> str:
    """``value``'s JSON text, cleaned, its lines after the first indented for its place."""
    return dumps_clean(value).replace("\n", "\n" + " " * indent)
