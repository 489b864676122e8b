"""CAIO-office commands: compare, diff, config show, inventory; and the session behind
``check --config/--waivers``. Registered on ``aiprocure.cli.app`` (imported at the bottom of cli.py).
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from aiprocure import api
from aiprocure.caio.compare import Bidder, CompareFormat, render_compare
from aiprocure.caio.config import LoadedConfig, config_lang
from aiprocure.caio.dates import parse_day, tokyo_today
from aiprocure.caio.diff import DiffFormat, diff
from aiprocure.caio.diff_render import render_diff
from aiprocure.caio.inventory import (
    DEFAULT_PATH,
    ENV_VAR,
    Inventory,
    InventoryError,
    entry_from,
    open_inventory,
    to_csv,
    to_json,
)
from aiprocure.caio.session import Session, open_session
from aiprocure.caio.tables import grid_terminal
from aiprocure.caio.text import tc
from aiprocure.cli import (
    ChecklistOpt,
    LangOpt,
    NoDefaultOpt,
    _fail,
    _lang,
    _usage,
    _write,
    app,
    batch_gc,
)
from aiprocure.errors import InputError, Problem
from aiprocure.gate import FailOn
from aiprocure.model.common import Lang
from aiprocure.model.findings import Report, RiskLevel
from aiprocure.render.json_ import render as render_json
from aiprocure.render.safe import clean

ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="Ministry config file (default: ./aiprocure.yaml if present)."),
]
NoConfigOpt = Annotated[
    bool,
    typer.Option("--no-config", help="Do not load any config file, not even ./aiprocure.yaml."),
]
WaiversOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--waivers", help="Waivers file; repeatable. Replaces the config's defaults.waivers."
    ),
]
NoWaiversOpt = Annotated[bool, typer.Option("--no-waivers", help="Apply no waivers at all.")]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="YYYY-MM-DD",
        help="The date waivers are judged on (default: today's date in Asia/Tokyo).",
    ),
]


def today_from(text: str | None) -> date:
    if text is None:
        return tokyo_today()
    day = parse_day(text)
    if day is None:
        _usage(f"--today must be a date written YYYY-MM-DD, not {text!r}")
    return day


def session_from_cli(
    *,
    config: Path | None,
    no_config: bool,
    checklist: list[Path] | None,
    no_default_checklists: bool,
    waivers: list[Path] | None,
    no_waivers: bool,
    today: str | None,
    lang: Lang | None,
) -> Session:
    """The session, or exit 2 with its problems in ``--lang``, else the config's language (when
    the config itself loaded), else the locale's."""
    day = today_from(today)
    try:
        return open_session(
            today=day,
            config=config,
            no_config=no_config,
            checklists=checklist or [],
            no_default_checklists=no_default_checklists,
            waivers=waivers or [],
            no_waivers=no_waivers,
        )
    except InputError as exc:
        _fail(exc.problems, lang or config_lang(config, no_config=no_config) or _lang(None))


def resolve_lang(cli: Lang | None, session: Session) -> Lang:
    """--lang, else the config's defaults.lang, else the locale's: the language of the reports and
    of the problems printed once the session is open."""
    if cli is not None:
        return cli
    if session.config and session.config.config.defaults.lang is not None:
        return session.config.config.defaults.lang
    return _lang(None)


def resolve_fail_on(cli: FailOn | None, session: Session) -> FailOn:
    if cli is not None:
        return cli
    if session.config and session.config.config.defaults.fail_on is not None:
        return FailOn(session.config.config.defaults.fail_on)
    return FailOn.HIGH


def _assess_all(session: Session, paths: list[Path], lang: Lang) -> list[tuple[Report, Path]]:
    try:
        files = api.expand_paths(paths)
    except InputError as exc:
        _fail(exc.problems, lang)
    out: list[tuple[Report, Path]] = []
    problems: list[Problem] = []
    with batch_gc():
        for path in files:
            try:
                out.append((session.assess(path), path))
            except InputError as exc:
                problems.extend(exc.problems)
    if problems:
        _fail(problems, lang)
    return out


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        _write(output, text)


# --- compare -------------------------------------------------------------------------------


@app.command()
def compare(
    paths: Annotated[list[Path], typer.Argument(help="Two or more declarations (bidders).")],
    fmt: Annotated[CompareFormat, typer.Option("--format", "-f")] = CompareFormat.TERMINAL,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    lang: LangOpt = None,
    checklist: ChecklistOpt = None,
    no_default_checklists: NoDefaultOpt = False,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    waivers: WaiversOpt = None,
    no_waivers: NoWaiversOpt = False,
    today: TodayOpt = None,
    width: Annotated[int, typer.Option(min=40, max=400)] = 100,
) -> None:
    """Put bidders side by side: risk, review, scores, open findings and key declared facts."""
    session = session_from_cli(
        config=config,
        no_config=no_config,
        checklist=checklist,
        no_default_checklists=no_default_checklists,
        waivers=waivers,
        no_waivers=no_waivers,
        today=today,
        lang=lang,
    )
    language = resolve_lang(lang, session)
    bidders: list[Bidder] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            report, declaration, _ = session.assess_with_declaration(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        bidders.append(Bidder(report, declaration.model_dump(mode="json", exclude_none=True)))
    if problems:
        _fail(problems, language)
    _emit(render_compare(bidders, language, fmt, width=width), output)


# --- diff ----------------------------------------------------------------------------------


@app.command("diff")
def diff_cmd(
    old: Annotated[Path, typer.Argument(help="The earlier declaration.")],
    new: Annotated[Path, typer.Argument(help="The later declaration.")],
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f")] = DiffFormat.TERMINAL,
    lang: LangOpt = None,
    checklist: ChecklistOpt = None,
    no_default_checklists: NoDefaultOpt = False,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    waivers: WaiversOpt = None,
    no_waivers: NoWaiversOpt = False,
    today: TodayOpt = None,
    width: Annotated[int, typer.Option(min=40, max=400)] = 100,
) -> None:
    """What changed between two declarations. Exit 1 if any finding got worse, else 0; 2 on bad input."""
    session = session_from_cli(
        config=config,
        no_config=no_config,
        checklist=checklist,
        no_default_checklists=no_default_checklists,
        waivers=waivers,
        no_waivers=no_waivers,
        today=today,
        lang=lang,
    )
    language = resolve_lang(lang, session)
    loaded = []
    problems: list[Problem] = []
    for path in (old, new):
        try:
            loaded.append(session.assess_with_declaration(path))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        _fail(problems, language)
    (ra, _, da), (rb, _, db) = loaded
    result = diff(ra, da, rb, db)
    sys.stdout.write(render_diff(result, language, fmt, width=width))
    raise typer.Exit(1 if result.worse else 0)


# --- config show ---------------------------------------------------------------------------

config_app = typer.Typer(help="Ministry configuration (aiprocure.yaml).", no_args_is_help=True)
app.add_typer(config_app, name="config")


@config_app.command("show")
def config_show(
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    lang: LangOpt = None,
    fail_on: Annotated[FailOn | None, typer.Option("--fail-on")] = None,
    checklist: ChecklistOpt = None,
    no_default_checklists: NoDefaultOpt = False,
    waivers: WaiversOpt = None,
    no_waivers: NoWaiversOpt = False,
    width: Annotated[int, typer.Option(min=40, max=400)] = 100,
) -> None:
    """Print the effective settings and where each came from."""
    session = session_from_cli(
        config=config,
        no_config=no_config,
        checklist=checklist,
        no_default_checklists=no_default_checklists,
        waivers=waivers,
        no_waivers=no_waivers,
        today="2000-01-01",
        lang=lang,
    )
    language = resolve_lang(lang, session)
    sys.stdout.write(
        show_settings(session, language, lang, fail_on, bool(waivers), no_waivers, width=width)
    )


def show_settings(
    session: Session,
    language: Lang,
    cli_lang: Lang | None,
    cli_fail_on: FailOn | None,
    cli_waivers: bool,
    no_waivers: bool,
    *,
    width: int = 100,
) -> str:
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
    del width
    lines = [tc("config_title", L), ""]
    for setting, (shown_value, source) in rows:
        lines.append(
            f"{clean(setting)}: {clean(shown_value)}" + (f"  [{clean(source)}]" if source else "")
        )
    return "\n".join(lines) + "\n"


# --- inventory -----------------------------------------------------------------------------

inventory_app = typer.Typer(
    help=f"The ministry's inventory of assessed AI systems (SQLite; --db or ${ENV_VAR}).",
    no_args_is_help=True,
)
app.add_typer(inventory_app, name="inventory")

DbOpt = Annotated[
    Path | None,
    typer.Option("--db", help=f"Inventory database (default: ${ENV_VAR} or ./{DEFAULT_PATH})."),
]


def db_path(db: Path | None) -> Path:
    if db is not None:
        return db
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else Path(DEFAULT_PATH)


def _open(db: Path | None, *, create: bool) -> Inventory:
    try:
        return open_inventory(db_path(db), create=create)
    except InventoryError as exc:
        _inventory_fail(exc)


def _inventory_fail(exc: InventoryError) -> NoReturn:
    sys.stderr.write(clean(str(exc)) + "\n")
    raise typer.Exit(2)


@inventory_app.command("add")
def inventory_add(
    paths: Annotated[list[Path], typer.Argument(help="Declaration files or directories of them.")],
    db: DbOpt = None,
    lang: LangOpt = None,
    checklist: ChecklistOpt = None,
    no_default_checklists: NoDefaultOpt = False,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    waivers: WaiversOpt = None,
    no_waivers: NoWaiversOpt = False,
    today: TodayOpt = None,
) -> None:
    """Assess declarations (as `check` would) and record them in the inventory."""
    session = session_from_cli(
        config=config,
        no_config=no_config,
        checklist=checklist,
        no_default_checklists=no_default_checklists,
        waivers=waivers,
        no_waivers=no_waivers,
        today=today,
        lang=lang,
    )
    language = resolve_lang(lang, session)
    assessed = _assess_all(session, paths, language)
    entries = [entry_from(r, render_json([r], language), session.today) for r, _ in assessed]
    inv = _open(db, create=True)
    try:
        inv.add(entries)
    except InventoryError as exc:
        _inventory_fail(exc)
    finally:
        inv.close()
    sys.stdout.write(
        tc("inventory_added", language, count=len(entries), db=clean(str(inv.path))) + "\n"
    )


ListFormat = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]


@inventory_app.command("list")
def inventory_list(
    db: DbOpt = None,
    risk: Annotated[
        RiskLevel | None, typer.Option("--risk", help="Only this overall risk.")
    ] = None,
    review: Annotated[
        bool, typer.Option("--review", help="Only cases that need CAIO review.")
    ] = False,
    vendor: Annotated[
        str | None, typer.Option("--vendor", help="Vendor name or corporate number.")
    ] = None,
    fmt: ListFormat = "table",
    lang: LangOpt = None,
    width: Annotated[int, typer.Option(min=40, max=400)] = 120,
) -> None:
    """List recorded assessments."""
    if fmt not in {"table", "json", "csv"}:
        _usage(f"unknown inventory format {fmt!r}; use table, json or csv")
    language = _lang(lang)
    inv = _open(db, create=False)
    try:
        entries = inv.entries(risk=risk.value if risk else None, review=review, vendor=vendor)
    except InventoryError as exc:
        _inventory_fail(exc)
    finally:
        inv.close()
    if fmt == "json":
        sys.stdout.write(to_json(entries))
    elif fmt == "csv":
        sys.stdout.write(to_csv(entries))
    else:
        header = [
            tc(k, language)
            for k in (
                "vendor",
                "system",
                "risk_level",
                "review",
                "waiver",
                "assessed_on",
                "declaration",
            )
        ]
        rows = [
            (
                e.vendor or "—",
                [
                    e.system or "—",
                    tc(f"risk.{e.risk_level}", language),
                    ", ".join(e.review_flags) or "—",
                    ", ".join(f"{w['id']} ({w['expires_on']})" for w in e.waivers) or "—",
                    e.assessed_on,
                    e.declaration_path,
                ],
            )
            for e in entries
        ]
        sys.stdout.write(grid_terminal(tc("inventory_title", language), header, rows, width=width))


@inventory_app.command("export")
def inventory_export(
    csv_path: Annotated[Path, typer.Option("--csv", help="Write the whole inventory as CSV here.")],
    db: DbOpt = None,
) -> None:
    """Export the inventory as CSV (formula-injection safe)."""
    inv = _open(db, create=False)
    try:
        entries = inv.entries()
    except InventoryError as exc:
        _inventory_fail(exc)
    finally:
        inv.close()
    _write(csv_path, to_csv(entries))


@inventory_app.command("expiring")
def inventory_expiring(
    db: DbOpt = None,
    days: Annotated[int, typer.Option("--days", min=0, max=3650)] = 30,
    today: TodayOpt = None,
    lang: LangOpt = None,
    width: Annotated[int, typer.Option(min=40, max=400)] = 120,
) -> None:
    """Warn about recorded waivers expiring within --days (or expired). Exit 1 if there are any."""
    language = _lang(lang)
    day = today_from(today)
    inv = _open(db, create=False)
    try:
        found = inv.expiring(day, days)
    except InventoryError as exc:
        _inventory_fail(exc)
    finally:
        inv.close()
    if not found:
        sys.stdout.write(tc("no_expiring", language) + "\n")
        raise typer.Exit(0)
    header = [
        tc(k, language)
        for k in ("waiver", "rule", "expires_on", "days_left", "vendor", "system", "declaration")
    ]
    rows = [
        (
            w["id"],
            [
                w["rule"],
                w["expires_on"],
                str(left),
                e.vendor or "—",
                e.system or "—",
                e.declaration_path,
            ],
        )
        for e, w, left in found
    ]
    sys.stdout.write(
        grid_terminal(tc("expiring_title", language, days=days), header, rows, width=width)
    )
    raise typer.Exit(1)
