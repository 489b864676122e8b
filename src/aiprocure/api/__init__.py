"""The library surface: what the CLI and other programs call.

The service is the session; ``aiprocure check`` is a thin shell around it:

>>> from aiprocure import api
>>> session = api.open_session(api.SessionOptions(config=Path("aiprocure.yaml")))
>>> for outcome in session.assess([Path("declarations/")]):
...     ...  # a Report, or the positioned problems of a file that could not be assessed

Modules: ``core`` (load checklists and declarations, assess one declaration, expand paths),
``session`` (options, config, rule packs, waivers, the run's language and gate), ``batch`` (one
file after another, or worker processes), ``output`` (sinks: every format written one way).
``api`` imports ``model``, ``sources``, ``engine``, ``render`` and ``caio``; never ``cli``.
"""

from __future__ import annotations

from aiprocure.api.batch import Outcome
from aiprocure.api.core import (
    assess,
    assess_file,
    assess_loaded,
    compiled_ruleset,
    expand_paths,
    hidden_character_warnings,
    load_checklist_docs,
    load_checklists,
    load_declaration,
    shipped_checklist_dir,
    shipped_checklist_paths,
)
from aiprocure.api.output import Sink, TerminalStyle, open_sink
from aiprocure.api.session import (
    Session,
    SessionError,
    SessionOptions,
    open_session,
    run_lang,
)
from aiprocure.errors import InputError, Problem
from aiprocure.gate import FailOn, Gate
from aiprocure.model.findings import Report

__all__ = [
    "FailOn",
    "Gate",
    "InputError",
    "Outcome",
    "Problem",
    "Report",
    "Session",
    "SessionError",
    "SessionOptions",
    "Sink",
    "TerminalStyle",
    "assess",
    "assess_file",
    "assess_loaded",
    "compiled_ruleset",
    "expand_paths",
    "hidden_character_warnings",
    "load_checklist_docs",
    "load_checklists",
    "load_declaration",
    "open_session",
    "open_sink",
    "run_lang",
    "shipped_checklist_dir",
    "shipped_checklist_paths",
]
