"""``aiprocure config show``: the effective settings of a session and where each came from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiprocure.caio.text import tc
from aiprocure.caio.wrap import wrap_hanging
from aiprocure.gate import FailOn
from aiprocure.model.common import Lang
from aiprocure.render.safe import clean

if TYPE_CHECKING:
    from aiprocure.api.session import Session
    from aiprocure.caio.config import LoadedConfig


def show_settings(
    session: Session,
    language: Lang,
    cli_lang: Lang | None,
    cli_fail_on: FailOn | None,
    cli_waivers: bool,
    no_waivers: bool,
    *,
    width: int | None = None,
) -> str:
    """One line per setting (``setting: value  [source]``); with ``width`` (a console's), wrapped
    to it with the continuation indented."""
    cfg: LoadedConfig | None = session.config
    L = language

    def src_default() -> str:
        return tc("src.default", L)

    rows: list[tuple[str, list[str]]] = []
    rows.append((tc("config_file", L), [str(cfg.path) if cfg else tc("none", L), ""]))
    # lang
    if cli_lang is not None:
        rows.append(("lang", [cli_lang.value, tc("src.cli", L)]))
    elif cfg and cfg.config.defaults.lang is not None:
        rows.append(("lang", [cfg.config.defaults.lang.value, cfg.where("defaults", "lang")]))
    else:
        rows.append(("lang", [language.value, tc("src.locale", L)]))
    # fail_on
    if cli_fail_on is not None:
        rows.append(("fail_on", [cli_fail_on.value, tc("src.cli", L)]))
    elif cfg and cfg.config.defaults.fail_on is not None:
        rows.append(("fail_on", [cfg.config.defaults.fail_on, cfg.where("defaults", "fail_on")]))
    else:
        rows.append(("fail_on", [FailOn.HIGH.value, src_default()]))
    # gate.incomplete_determination (docs/verdicts.md section 5.2)
    inc = session.options.incomplete_determination
    configured = cfg.config.gate.incomplete_determination if cfg else None
    if inc is not None:
        rows.append(("incomplete_determination", [inc.value, tc("src.cli", L)]))
    elif cfg and configured is not None:
        where = cfg.where("gate", "incomplete_determination")
        rows.append(("incomplete_determination", [configured, where]))
    else:
        rows.append(("incomplete_determination", ["block", src_default()]))
    # age_limits: notices for an old declaration or old evidence (docs/verdicts.md section 14)
    for name in ("declaration_max_age_days", "evidence_max_age_days"):
        set_here = cfg is not None and getattr(cfg.config.age_limits, name) is not None
        where = cfg.where("age_limits", name) if cfg and set_here else src_default()
        rows.append((name, [str(getattr(session.ruleset, name)), where]))
    # waivers
    if no_waivers:
        rows.append(("waivers", [tc("none", L), tc("src.cli", L) + " (--no-waivers)"]))
    elif cli_waivers:
        for p in session.waiver_paths:
            rows.append(("waivers", [str(p), tc("src.cli", L)]))
    elif cfg and cfg.config.defaults.waivers:
        for i, p in enumerate(session.waiver_paths):
            rows.append(("waivers", [str(p), cfg.where("defaults", "waivers", i)]))
    else:
        rows.append(("waivers", [tc("none", L), src_default()]))
    # checklists
    cfg_packs = {str(p) for p in (cfg.checklist_paths if cfg else [])}
    for cl, src in session.ruleset.checklists:
        if src.path.startswith("aiprocure:"):
            where = src_default()
        elif cfg and src.path in cfg_packs:
            i = [str(p) for p in cfg.checklist_paths].index(src.path)
            where = cfg.where("checklists", i)
        else:
            where = tc("src.cli", L)
        rows.append(
            (f"checklist {cl.checklist.id}", [f"{src.path} (v{cl.checklist.version})", where])
        )
    # parameters
    overrides = cfg.config.parameters if cfg else {}
    for name in sorted(session.ruleset.parameters):
        value = session.ruleset.parameter_values[name]
        shown = f"{value:g}"
        where = cfg.where("parameters", name) if cfg and name in overrides else src_default()
        if name in overrides:
            shown += f" ({tc('src.default', L)}: {session.ruleset.parameters[name].default:g})"
        rows.append((f"parameter {name}", [shown, where]))
    # severities and disabled rules
    if cfg:
        for rid, sev in sorted(cfg.config.severity.items()):
            rows.append((f"severity {rid}", [sev.value, cfg.where("severity", rid)]))
        for rid, reason in sorted(cfg.config.disabled.items()):
            rows.append((f"disabled {rid}", [reason, cfg.where("disabled", rid)]))
    lines = [tc("config_title", L), ""]
    for setting, (shown_value, source) in rows:
        text = f"{clean(setting)}: {clean(shown_value)}" + (
            f"  [{clean(source)}]" if source else ""
        )
        lines += [text] if width is None else wrap_hanging(text, width)
    return "\n".join(lines) + "\n"
