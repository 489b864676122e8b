"""The ministry's inventory of assessed AI systems: an embedded SQLite database.

Default path ``./aiprocure-inventory.sqlite3``; ``--db PATH`` or ``AIPROCURE_INVENTORY`` override.
Safe for several writers at once: WAL journal, a 30 s busy timeout and ``BEGIN IMMEDIATE``
transactions; the schema version is ``PRAGMA user_version`` and ``PRAGMA application_id`` marks
the file as ours. One row per declaration *content* (sha256): re-adding the same bytes updates
that row (new report, date, waivers); a changed declaration is a new row, so history is kept.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from aiprocure.caio.dates import parse_day
from aiprocure.caio.inventory_entry import COLUMNS, Entry, damage_messages, entry_from, from_row
from aiprocure.caio.inventory_export import to_csv, to_json
from aiprocure.caio.inventory_schema import APPLICATION_ID, SCHEMA, SCHEMA_VERSION, migrate

DEFAULT_PATH = "aiprocure-inventory.sqlite3"
ENV_VAR = "AIPROCURE_INVENTORY"

__all__ = [
    "COLUMNS",
    "DEFAULT_PATH",
    "ENV_VAR",
    "Entry",
    "Inventory",
    "InventoryError",
    "damage_messages",
    "entry_from",
    "open_inventory",
    "to_csv",
    "to_json",
]


class InventoryError(Exception):
    """The database cannot be used; the message is ``path: reason`` and the CLI exits 2."""


class Inventory:
    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise InventoryError(f"{self.path}: cannot write ({exc})") from None
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def add(self, entries: Sequence[Entry]) -> None:
        try:
            with self._write() as c:
                for e in entries:
                    row = e.as_row()
                    del row["waivers"]
                    row["checklists"] = json.dumps(e.checklists)
                    row["review_flags"] = json.dumps(e.review_flags)
                    row["determination_reasons"] = json.dumps(e.determination_reasons)
                    row["review_required"] = int(e.review_required)
                    cols = ", ".join(row)
                    marks = ", ".join(f":{k}" for k in row)
                    updates = ", ".join(
                        f"{k} = excluded.{k}" for k in row if k != "declaration_sha256"
                    )
                    (aid,) = c.execute(
                        f"INSERT INTO assessments ({cols}) VALUES ({marks}) "
                        f"ON CONFLICT(declaration_sha256) DO UPDATE SET {updates} RETURNING id",
                        row,
                    ).fetchone()
                    c.execute("DELETE FROM waivers WHERE assessment_id = ?", (aid,))
                    c.executemany(
                        "INSERT INTO waivers (assessment_id, waiver_id, rule_id, expires_on) "
                        "VALUES (?, ?, ?, ?)",
                        [(aid, w["id"], w["rule"], w["expires_on"]) for w in e.waivers],
                    )
        except sqlite3.Error as exc:
            raise InventoryError(f"{self.path}: cannot write ({exc})") from None

    def entries(
        self, *, risk: str | None = None, review: bool = False, vendor: str | None = None
    ) -> list[Entry]:
        sql = "SELECT * FROM assessments WHERE 1 = 1"
        args: list[Any] = []
        if risk is not None:
            sql += " AND risk_level = ?"
            args.append(risk)
        if review:
            sql += " AND review_required = 1"
        if vendor is not None:
            sql += " AND (vendor = ? OR corporate_number = ?)"
            args += [vendor, vendor]
        sql += " ORDER BY vendor, system, declaration_path, declaration_sha256"
        try:
            rows = self.conn.execute(sql, args).fetchall()
            out = []
            for r in rows:
                ws = self.conn.execute(
                    "SELECT waiver_id, rule_id, expires_on FROM waivers WHERE assessment_id = ? "
                    "ORDER BY rule_id, waiver_id",
                    (r["id"],),
                ).fetchall()
                out.append(from_row(r, ws))
            return out
        except sqlite3.Error as exc:
            raise InventoryError(
                f"{self.path}: not an aiprocure inventory database ({exc})"
            ) from None

    def expiring(self, today: date, days: int) -> list[tuple[Entry, dict[str, str], int]]:
        """Waivers recorded in the inventory that expire within ``days`` (or already have)."""
        out = []
        for e in self.entries():
            for w in e.waivers:
                day = parse_day(w["expires_on"])
                if day is None:  # a damaged row: reported through ``Entry.damaged``
                    continue
                left = (day - today).days
                if left <= days:
                    out.append((e, w, left))
        out.sort(key=lambda x: (x[2], x[1]["id"], x[0].declaration_path))
        return out


def open_inventory(path: Path, *, create: bool) -> Inventory:
    """Open (and, for writers, create) the database; a foreign or damaged file is an error."""
    if not create and not path.exists():
        raise InventoryError(
            f"{path}: no such inventory database (run `aiprocure inventory add` first)"
        )
    if path.exists() and not path.is_file():
        raise InventoryError(f"{path}: not an aiprocure inventory database (not a regular file)")
    try:
        conn = sqlite3.connect(path, timeout=30.0, isolation_level=None)
    except sqlite3.Error as exc:
        raise InventoryError(f"{path}: cannot open ({exc})") from None
    conn.row_factory = sqlite3.Row
    deadline = time.monotonic() + _LOCK_WAIT_SECONDS
    delay = 0.01
    while True:
        try:
            _prepare(conn, path, create=create)
            break
        except sqlite3.OperationalError as exc:
            # Another process is creating the database or switching it to WAL: SQLite answers
            # "locked" at once for those steps, without its busy handler, so wait and retry.
            if _is_lock(exc) and time.monotonic() < deadline:
                time.sleep(delay)
                delay = min(delay * 2, 0.25)
                continue
            conn.close()
            if _is_lock(exc):
                raise InventoryError(f"{path}: database is busy; try again ({exc})") from None
            if _is_read_only(exc, path):
                raise InventoryError(
                    f"{path}: cannot open: the database or its directory is read-only "
                    f"(SQLite needs to write its journal next to it) ({exc})"
                ) from None
            raise InventoryError(f"{path}: not an aiprocure inventory database ({exc})") from None
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise InventoryError(f"{path}: not an aiprocure inventory database ({exc})") from None
        except InventoryError:
            conn.close()
            raise
    return Inventory(path, conn)


_LOCK_WAIT_SECONDS = 30.0


def _is_read_only(exc: sqlite3.OperationalError, path: Path) -> bool:
    """SQLite could not write the file or its journal (-wal, -shm) beside it."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return True
    if "unable to open" in text or "disk i/o" in text:
        directory = path.parent if str(path.parent) else Path(".")
        return not os.access(directory, os.W_OK) or (path.exists() and not os.access(path, os.W_OK))
    return False


def _is_lock(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _prepare(conn: sqlite3.Connection, path: Path, *, create: bool) -> None:
    """Check the file is ours (creating it for writers) and put it in WAL mode."""
    conn.execute("PRAGMA busy_timeout = 30000")
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if app_id == 0 and version == 0:
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables:
            raise InventoryError(
                f"{path}: not an aiprocure inventory database (it holds other tables)"
            )
        if not create:
            raise InventoryError(f"{path}: not an aiprocure inventory database (empty)")
        _create(conn, path)
    elif app_id != APPLICATION_ID:
        raise InventoryError(
            f"{path}: not an aiprocure inventory database (application_id {app_id:#x})"
        )
    elif version > SCHEMA_VERSION:
        raise InventoryError(
            f"{path}: inventory schema version {version} is newer than this aiprocure "
            f"supports ({SCHEMA_VERSION}); upgrade aiprocure"
        )
    _wal(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    if 0 < version < SCHEMA_VERSION and create:
        try:
            migrate(conn)
        except sqlite3.Error as exc:
            raise InventoryError(f"{path}: cannot upgrade the inventory ({exc})") from None


def _wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL only when needed: the switch takes an exclusive lock."""
    if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
        conn.execute("PRAGMA journal_mode = WAL")


def _create(conn: sqlite3.Connection, path: Path) -> None:
    _wal(conn)
    conn.execute("BEGIN IMMEDIATE")
    try:
        # another process may have created it while we waited for the lock
        if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
            for stmt in filter(None, (s.strip() for s in SCHEMA.split(";"))):
                conn.execute(stmt)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
