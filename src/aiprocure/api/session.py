"""One run's service: what ``aiprocure check`` does, for the CLI and for library users alike.

``open_session(SessionOptions(...))`` loads the config in force, the rule set it produces (shipped
packs, the config's packs, extra packs, overrides) and the waivers, and settles the run's language
and the date waivers are judged on. ``session.assess(paths)`` expands the paths and yields one
outcome per file in input order: a ``Report``, or the problems of a file that could not be
assessed; large batches go to worker processes (``jobs``). ``session.run(paths, sink, gate)`` is
the same with every report written to an output sink and the CI gate's exit status kept.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from aiprocure.api import core
from aiprocure.api.batch import Outcome
from aiprocure.api.session_rules import (
    _no_rule_left,
    _select_rules,
    _unmatched,
    _waivers_in_scope,
)
from aiprocure.caio import config as caio_config
from aiprocure.caio import waivers as caio_waivers
from aiprocure.errors import InputError, Problem
from aiprocure.gate import FailOn, Gate, IncompleteDetermination
from aiprocure.model.common import Lang
from aiprocure.model.declaration import Declaration
from aiprocure.model.findings import InputDigest, Report
from aiprocure.model.ruleset import Ruleset
from aiprocure.sources.yamlsrc import Document

if TYPE_CHECKING:
    from aiprocure.api.output import Sink
    from aiprocure.caio.config import LoadedConfig
    from aiprocure.caio.waivers import WaiverSet


def run_lang(explicit: Lang | None = None, configured: Lang | None = None) -> Lang:
    """The language of a run: the one asked for, else the config's ``defaults.lang``, else the
    locale's (``aiprocure.language`` decides; this is its one caller with the real environment)."""
    import os

    from aiprocure.language import decide_lang

    return decide_lang(explicit, configured, os.environ)


@dataclass(frozen=True)
class SessionOptions:
    """What a run is told (every field has the CLI's default)."""

    config: Path | None = None  # None: ./aiprocure.yaml (in ``cwd``) if present
    no_config: bool = False  # load no config file at all
    checklists: tuple[Path, ...] = ()  # extra rule packs, after the shipped and the config's
    no_default_checklists: bool = False  # leave out the shipped DS-920 packs
    waivers: tuple[Path, ...] = ()  # replace the config's defaults.waivers
    no_waivers: bool = False  # apply no waivers at all
    today: date | None = None  # the date waivers are judged on; None: today in Asia/Tokyo
    lang: Lang | None = None  # None: the config's defaults.lang, else the locale's
    fail_on: FailOn | None = None  # None: the config's defaults.fail_on, else high
    fail_on_review: bool = True  # a high-risk review flag fails the gate
    # None: the config's gate.incomplete_determination, else block
    incomplete_determination: IncompleteDetermination | None = None
    generated_at: str | None = None  # the time reports record; None keeps them reproducible
    jobs: int = 1  # worker processes for large batches (0: one per CPU)
    cwd: Path | None = None  # where ./aiprocure.yaml is looked for; None: the current directory
    skip_rules: tuple[str, ...] = ()  # rule IDs or globs left out (added to the config's)
    only_rules: tuple[str, ...] = ()  # if any, only these rule IDs or globs (replace the config's)
    exclude: tuple[str, ...] = ()  # globs a directory scan leaves out (added to the config's)


class SessionError(InputError):
    """``open_session`` could not load a config, checklist or waiver file; ``lang`` is the
    language its problems are to be told in (``--lang``, else the config's, else the locale's)."""

    def __init__(self, problems: list[Problem], lang: Lang) -> None:
        super().__init__(problems)
        self.lang = lang


@dataclass(frozen=True)
class Session:
    ruleset: Ruleset
    today: date
    config: LoadedConfig | None = None
    waivers: WaiverSet = field(default_factory=caio_waivers.WaiverSet)
    waiver_paths: tuple[Path, ...] = ()
    options: SessionOptions = field(default_factory=SessionOptions)
    # Things the user should hear that do not stop the run (a waiver or config entry naming a
    # retired rule), positioned; the command prints them.
    warnings: tuple[Problem, ...] = ()

    @property
    def lang(self) -> Lang:
        """The run's language (reports and problems)."""
        defaults = self.config.config.defaults if self.config else None
        return run_lang(self.options.lang, defaults.lang if defaults else None)

    @property
    def declared_by(self) -> date:
        """The latest date a declaration's past events (``declared_on``, evaluations) may have:
        the run's date, or the Tokyo calendar's today when that is later (``--today`` may judge
        waivers as of a past day; a declaration is not in the future for that)."""
        from aiprocure.caio.dates import tokyo_today

        return max(self.today, tokyo_today())

    @property
    def gate(self) -> Gate:
        """The CI gate: ``fail_on``, else the config's ``defaults.fail_on``, else high."""
        fail_on = self.options.fail_on
        if fail_on is None and self.config and self.config.config.defaults.fail_on is not None:
            fail_on = FailOn(self.config.config.defaults.fail_on)
        return Gate(fail_on or FailOn.HIGH, self.options.fail_on_review)

    @property
    def exclude(self) -> tuple[str, ...]:
        """The globs a directory scan leaves out: the config's ``defaults.exclude``, then
        ``--exclude``."""
        configured = self.config.config.defaults.exclude if self.config else []
        return (*configured, *self.options.exclude)

    def assess_file(self, path: Path) -> Report:
        """One declaration's report; raises InputError (positioned) if it cannot be assessed.
        The engine applies the waivers before scoring, so the report is built once."""
        return self.assess_with_declaration(path)[0]

    def assess_with_declaration(self, path: Path) -> tuple[Report, Declaration, Document]:
        # read and parsed once, for both
        declaration, doc = core.load_declaration(path, today=self.declared_by)
        report = core.assess_loaded(
            path,
            declaration,
            doc,
            self.ruleset,
            generated_at=self.options.generated_at,
            waivers=self.waivers,
            today=self.today,
        )
        return report, declaration, doc

    def assess(self, paths: Sequence[Path]) -> Iterator[Outcome]:
        """One outcome per file, in input order, each as soon as it is ready. Directories become
        their YAML files; a bad path raises InputError here, before anything is assessed."""
        from aiprocure.api import batch

        files = core.expand_paths(paths)
        return (o for o in batch.assess_each(self, files) if isinstance(o, Report | list))

    def run(
        self,
        paths: Sequence[Path],
        sink: Sink,
        *,
        warn: Callable[[list[Problem]], None] | None = None,
    ) -> tuple[int, list[Problem]]:
        """Assess ``paths`` into ``sink`` (closed at the end): the gate's exit status (0 or 1)
        and the problems of the files that could not be assessed. ``warn`` is given a warning for
        each waiver that matched no declaration of the run (when every report was seen here)."""
        from aiprocure.api import batch

        files = core.expand_paths(paths)
        gate = self.gate
        status = 0
        problems: list[Problem] = []
        matched: set[str] | None = set()
        for outcome in batch.assess_each(self, files, prerender=sink.prerender(gate)):
            if isinstance(outcome, list):
                problems.extend(outcome)
                continue
            sink.add(outcome)
            if not isinstance(outcome, Report):  # a JsonPiece, rendered by a worker:
                matched = None  # its waivers are not seen here
            elif matched is not None:
                matched |= _waivers_in_scope(outcome)
            if not status:
                status = gate(outcome) if isinstance(outcome, Report) else outcome.status
        sink.problems(problems)
        sink.close()
        if warn is not None and matched is not None and not problems:
            unmatched = [w for w in self.waivers.waivers if w.entry.id not in matched]
            if unmatched:
                warn([_unmatched(w) for w in unmatched])
        return status, problems


def open_session(options: SessionOptions | None = None) -> Session:
    """The session for ``options`` (default: ``SessionOptions()``, as ``aiprocure check`` with
    no options).

    Raises SessionError (an InputError, positioned) for a bad config, checklist or waiver file.
    Waiver files: ``waivers`` replaces the config's ``defaults.waivers``; ``no_waivers`` drops
    both.
    """
    options = options or SessionOptions()
    try:
        return _open(options)
    except InputError as exc:
        configured = caio_config.config_lang(
            options.config, no_config=options.no_config, cwd=options.cwd
        )
        raise SessionError(exc.problems, run_lang(options.lang, configured)) from None


def _open(options: SessionOptions) -> Session:
    loaded = caio_config.find_config(options.config, no_config=options.no_config, cwd=options.cwd)
    # shipped packs, the config's packs, then the extra (CLI) packs; the config's overrides
    packs = [*(loaded.checklist_paths if loaded else []), *options.checklists]
    ruleset = core.load_checklists(packs, shipped=not options.no_default_checklists)
    warnings: list[Problem] = []
    if loaded:
        ruleset = caio_config.apply_config(ruleset, loaded, warnings)
    incomplete = options.incomplete_determination
    if incomplete is None and loaded and loaded.config.gate.incomplete_determination:
        incomplete = IncompleteDetermination(loaded.config.gate.incomplete_determination)
    if incomplete is IncompleteDetermination.WARN:  # recorded in each report (blocks_gate)
        ruleset = dataclasses.replace(ruleset, incomplete_blocks=False)
    ruleset = _select_rules(ruleset, options, loaded)
    if options.no_waivers:
        paths: tuple[Path, ...] = ()
    elif options.waivers:
        paths = tuple(options.waivers)
    else:
        paths = tuple(loaded.waiver_paths) if loaded else ()
    if not ruleset.rules:
        raise InputError([_no_rule_left(loaded, options)])
    ws = caio_waivers.load_waivers(paths, ruleset, warnings) if paths else caio_waivers.WaiverSet()
    if loaded is not None:  # every report records the configuration in force, with its digest
        config = InputDigest(kind="config", path=str(loaded.path), sha256=loaded.doc.sha256)
        ws = dataclasses.replace(ws, digests=(config, *ws.digests))
    if options.today is None:
        from aiprocure.caio.dates import tokyo_today

        today = tokyo_today()
    else:
        today = options.today
    return Session(
        ruleset=ruleset,
        today=today,
        config=loaded,
        waivers=ws,
        waiver_paths=paths,
        options=options,
        warnings=tuple(warnings),
    )
