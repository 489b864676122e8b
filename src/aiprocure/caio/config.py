"""The ministry configuration file: load, find, apply to a rule set, and explain.

Search: ``--config FILE`` if given; else ``./aiprocure.yaml`` in the current directory if it
exists; ``--no-config`` skips both. Paths inside the file are relative to the file.
Precedence for defaults: command-line option > config file > shipped default.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aiprocure.errors import InputError, Problem
from aiprocure.model.common import Lang
from aiprocure.model.retired import retired_warning
from aiprocure.model.ruleset import Ruleset
from aiprocure.sources.load import load
from aiprocure.sources.yamlsrc import Document

if TYPE_CHECKING:  # the models are built only when a config file is read (start-up of `check`)
    from aiprocure.model.config import MinistryConfig

AUTO_NAME = "aiprocure.yaml"


@dataclass(frozen=True)
class LoadedConfig:
    config: MinistryConfig
    doc: Document
    path: Path

    def where(self, *key: str | int) -> str:
        """``path:line`` of a key in the file, for provenance."""
        return f"{self.doc.path}:{self.doc.position(key).line}"

    def resolve(self, relative: str) -> Path:
        p = Path(relative)
        return p if p.is_absolute() else self.path.parent / p

    @property
    def checklist_paths(self) -> list[Path]:
        return [self.resolve(c) for c in self.config.checklists]

    @property
    def waiver_paths(self) -> list[Path]:
        return [self.resolve(w) for w in self.config.defaults.waivers]


def load_config(path: Path) -> LoadedConfig:
    from aiprocure.model.config import MinistryConfig

    cfg, doc = load(path, MinistryConfig)
    return LoadedConfig(config=cfg, doc=doc, path=path)


def find_config(
    explicit: Path | None, *, no_config: bool, cwd: Path | None = None
) -> LoadedConfig | None:
    """The config in force: explicit, else ./aiprocure.yaml, else none."""
    if no_config:
        return None
    if explicit is not None:
        return load_config(explicit)
    auto = (cwd or Path.cwd()) / AUTO_NAME
    if auto.is_file():
        return load_config(Path(AUTO_NAME) if cwd is None else auto)
    return None


def config_lang(
    explicit: Path | None, *, no_config: bool = False, cwd: Path | None = None
) -> Lang | None:
    """The config's ``defaults.lang``: None when there is no config, it sets none, or it does not
    load (its own problems are then told in the language of ``--lang`` or the locale)."""
    try:
        loaded = find_config(explicit, no_config=no_config, cwd=cwd)
    except InputError:
        return None
    return loaded.config.defaults.lang if loaded else None


def apply_config(
    ruleset: Ruleset, loaded: LoadedConfig, warnings: list[Problem] | None = None
) -> Ruleset:
    """A new rule set with severities, parameters and disabled rules from the config. An entry
    naming a retired rule is skipped, with a warning naming the replacement (in ``warnings``)."""
    cfg, doc = loaded.config, loaded.doc
    ids = {r.id for r in ruleset.rules}
    problems: list[Problem] = []

    def unknown(section: str, key: str, what: str, what_ja: str, known: Sequence[str]) -> None:
        import difflib

        pos = doc.position((section, key))
        close = difflib.get_close_matches(key, list(known), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        hint_ja = f"。{close[0]!r} の誤りではありませんか？" if close else ""
        problems.append(
            Problem(
                doc.path,
                pos.line,
                pos.col,
                f"{section}: unknown {what} {key!r}{hint}",
                f"{section}: 不明な{what_ja} {key!r} です{hint_ja}",
            )
        )

    for section in ("severity", "disabled"):
        for rid in getattr(cfg, section):
            retired = ruleset.retired.get(rid)
            if retired is not None and rid not in ids:
                if warnings is not None:
                    pos = doc.position((section, rid))
                    en, ja = retired_warning(retired)
                    warnings.append(
                        Problem(doc.path, pos.line, pos.col, f"{section}: {en}", f"{section}: {ja}")
                    )
            elif rid not in ids:
                unknown(section, rid, "rule", "項目", sorted(ids))
    for name in cfg.parameters:
        if name not in ruleset.parameters:
            unknown("parameters", name, "parameter", "パラメータ", sorted(ruleset.parameters))
    if problems:
        raise InputError(problems)
    rules = [
        # A ministry's severity is the rule's severity whatever the facts: no severity_by rows.
        r.model_copy(update={"severity": cfg.severity[r.id], "severity_by": []})
        if r.id in cfg.severity
        else r
        for r in ruleset.rules
        if r.id not in cfg.disabled
    ]
    values = dict(ruleset.parameter_values)
    values.update({k: float(v) for k, v in cfg.parameters.items()})
    ages = cfg.age_limits
    return dataclasses.replace(
        ruleset,
        declaration_max_age_days=ages.declaration_max_age_days or ruleset.declaration_max_age_days,
        evidence_max_age_days=ages.evidence_max_age_days or ruleset.evidence_max_age_days,
        rules=rules,
        parameter_values=values,
        categories=dict(ruleset.categories),
        lists=dict(ruleset.lists),
        parameters=dict(ruleset.parameters),
        jurisdictions=dict(ruleset.jurisdictions),
        rule_source=dict(ruleset.rule_source),
        disabled=tuple(
            (rid, reason, loaded.where("disabled", rid)) for rid, reason in cfg.disabled.items()
        ),
        grades=dict(ruleset.grades),
        law_countries=dict(ruleset.law_countries),
        retired=dict(ruleset.retired),
    )
