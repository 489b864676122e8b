"""One run's settings, shared by check, compare, diff and inventory: the config in force, the
rule set it produces, the waivers and the date they are judged on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from aiprocure import api
from aiprocure.caio.config import LoadedConfig, build_ruleset, find_config
from aiprocure.caio.waivers import WaiverSet, load_waivers
from aiprocure.model.declaration import Declaration
from aiprocure.model.findings import Report
from aiprocure.model.ruleset import Ruleset
from aiprocure.sources.yamlsrc import Document


@dataclass(frozen=True)
class Session:
    ruleset: Ruleset
    today: date
    config: LoadedConfig | None = None
    waivers: WaiverSet = field(default_factory=WaiverSet)
    waiver_paths: tuple[Path, ...] = ()

    def assess(self, path: Path, *, generated_at: str | None = None) -> Report:
        return api.assess_file(
            path, self.ruleset, generated_at=generated_at, waivers=self.waivers, today=self.today
        )

    def assess_with_declaration(self, path: Path) -> tuple[Report, Declaration, Document]:
        declaration, doc = api.load_declaration(path)  # read and parsed once, for both
        report = api.assess_loaded(
            path, declaration, doc, self.ruleset, waivers=self.waivers, today=self.today
        )
        return report, declaration, doc


def open_session(
    *,
    today: date,
    config: Path | None = None,
    no_config: bool = False,
    checklists: Sequence[Path] = (),
    no_default_checklists: bool = False,
    waivers: Sequence[Path] = (),
    no_waivers: bool = False,
    cwd: Path | None = None,
) -> Session:
    """Raises InputError (positioned) for a bad config, checklist or waiver file.

    Waiver files: ``--waivers`` on the command line replaces the config's ``defaults.waivers``;
    ``--no-waivers`` drops both.
    """
    loaded = find_config(config, no_config=no_config, cwd=cwd)
    ruleset = build_ruleset(loaded, checklists, shipped=not no_default_checklists)
    if no_waivers:
        paths: tuple[Path, ...] = ()
    elif waivers:
        paths = tuple(waivers)
    else:
        paths = tuple(loaded.waiver_paths) if loaded else ()
    ws = load_waivers(paths, ruleset) if paths else WaiverSet()
    return Session(ruleset=ruleset, today=today, config=loaded, waivers=ws, waiver_paths=paths)
