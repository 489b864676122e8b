"""``aiprocure inventory``: the ministry's record of assessed AI systems (SQLite)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from aiprocure.caio.inventory import (
    DEFAULT_PATH,
    ENV_VAR,
    Inventory,
    InventoryError,
    damage_messages,
    entry_from,
    open_inventory,
    to_csv,
    to_json,
)
from aiprocure.caio.inventory_entry import Entry
from aiprocure.caio.tables import grid_terminal
from aiprocure.caio.text import tc
from aiprocure.caio.wrap import console_width
from aiprocure.cli.options import (
    ChecklistOpt,
    ConfigOpt,
    ForceOpt,
    LangOpt,
    NoConfigOpt,
    NoDefaultOpt,
    NoWaiversOpt,
    TodayOpt,
    WaiversOpt,
    WidthOpt,
    assess_all,
    lang_of,
    open_session,
    session_options,
    today_from,
    usage,
    write,
)
from aiprocure.cli.overwrite import refuse_overwrite
from aiprocure.model.common import Lang
from aiprocure.model.findings import RiskLevel
from aiprocure.render.safe import clean

INVENTORY_HELP = f"The ministry's inventory of assessed AI systems (SQLite; --db or ${ENV_VAR})."

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
    session = open_session(
        session_options(
            config=config,
            no_config=no_config,
            checklist=checklist,
            no_default_checklists=no_default_checklists,
            waivers=waivers,
            no_waivers=no_waivers,
            today=today,
            lang=lang,
        )
    )
    language = session.lang
    reports = assess_all(session, paths)
    from aiprocure.render.json_ import render as render_json  # models: built when used

    entries = [entry_from(r, render_json([r], language), session.today) for r in reports]
    inv = _open(db, create=True)
    try:
        inv.add(entries)
    except InventoryError as exc:
        _inventory_fail(exc)
    finally:
        inv.close()
    sys.stdout.write(
        tc(
            "inventory_added_one" if len(entries) == 1 else "inventory_added",
            language,
            count=len(entries),
            db=clean(str(inv.path)),
        )
        + "\n"
    )


ListFormat = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]


def _warn_retired(rule_ids: list[str], language: str) -> None:
    """A recorded row naming a retired rule (a waiver, a review flag): say what replaced it."""
    from aiprocure.api.core import load_retired
    from aiprocure.model.retired import retired_warning

    retired = load_retired()
    for rid in sorted(set(rule_ids)):
        if rid in retired:
            en, ja = retired_warning(retired[rid])
            sys.stderr.write(clean(ja if language == "ja" else en) + "\n")


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
    width: WidthOpt = None,
) -> None:
    """List recorded assessments."""
    if fmt not in {"table", "json", "csv"}:
        usage(f"unknown inventory format {fmt!r}; use table, json or csv")
    language = lang_of(lang)
    inv = _open(db, create=False)
    try:
        entries = inv.entries(risk=risk.value if risk else None, review=review, vendor=vendor)
    except InventoryError as exc:
        _inventory_fail(exc)
    finally:
        inv.close()
    _warn_damaged(inv, entries, language)
    _warn_retired(
        [w["rule"] for e in entries for w in e.waivers]
        + [r for e in entries for r in e.review_flags],
        language,
    )
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
                "verdict.determination",
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
                    "; ".join(
                        [
                            tc(f"determination.{e.determination_state}", language)
                            if e.determination_state
                            else "—",
                            *e.determination_reasons,
                        ]
                    ),
                    ", ".join(e.review_flags) or "—",
                    ", ".join(f"{w['id']} ({w['expires_on']})" for w in e.waivers) or "—",
                    e.assessed_on,
                    e.declaration_path,
                ],
            )
            for e in entries
        ]
        sys.stdout.write(
            grid_terminal(tc("inventory_title", language), header, rows, width=console_width(width))
        )


def inventory_export(
    csv_path: Annotated[Path, typer.Option("--csv", help="Write the whole inventory as CSV here.")],
    db: DbOpt = None,
    lang: LangOpt = None,
    force: ForceOpt = False,
) -> None:
    """Export the inventory as CSV (formula-injection safe)."""
    language = lang_of(lang)
    inv = _open(db, create=False)
    try:
        entries = inv.entries()
    except InventoryError as exc:
        _inventory_fail(exc)
    finally:
        inv.close()
    _warn_damaged(inv, entries, language)
    # the database and the declarations it records are this command's inputs
    recorded = [Path(e.declaration_path) for e in entries if e.declaration_path]
    refuse_overwrite([csv_path], [inv.path, *recorded], language, force=force)
    write(csv_path, to_csv(entries))


def _warn_damaged(inv: Inventory, entries: Sequence[Entry], lang: Lang) -> None:
    """A warning on stderr for each damaged row (shown with what could be read)."""
    for en, ja in damage_messages(str(inv.path), entries):
        sys.stderr.write(f"{clean(ja if lang is Lang.JA else en)}\n")


def inventory_expiring(
    db: DbOpt = None,
    days: Annotated[int, typer.Option("--days", min=0, max=3650)] = 30,
    today: TodayOpt = None,
    lang: LangOpt = None,
    width: WidthOpt = None,
) -> None:
    """Warn about recorded waivers expiring within --days (or expired). Exit 1 if there are any."""
    language = lang_of(lang)
    day = today_from(today)
    inv = _open(db, create=False)
    try:
        _warn_damaged(inv, inv.entries(), language)
        found = inv.expiring(day, days)
    except InventoryError as exc:
        _inventory_fail(exc)
    finally:
        inv.close()
    _warn_retired([w["rule"] for _, w, _ in found], language)
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
        grid_terminal(
            tc("expiring_title", language, days=days), header, rows, width=console_width(width)
        )
    )
    raise typer.Exit(1)
