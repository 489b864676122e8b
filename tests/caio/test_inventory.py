"""Inventory: add/list/filter/export/expiring, concurrent writers, damaged databases."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from aiprocure.caio.inventory import Entry, open_inventory
from aiprocure.caio.inventory_schema import APPLICATION_ID, SCHEMA, SCHEMA_VERSION
from tests.caio.helpers import DOMESTIC, EX, OVERSEAS, run, waiver, write
from tests.conftest import REPO


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "inv.sqlite3"


def _add(db: Path, *paths: Path, extra: tuple[str, ...] = ()) -> tuple[int, str, str]:
    return run("inventory", "add", *map(str, paths), "--db", str(db), "--no-config", *extra)


def _list(db: Path, *args: str) -> list[dict[str, object]]:
    code, out, err = run("inventory", "list", "--db", str(db), "--format", "json", *args)
    assert code == 0, err
    rows: list[dict[str, object]] = json.loads(out)
    return rows


def test_add_list_filter(db: Path, tmp_path: Path) -> None:
    w = write(tmp_path / "w.yaml", "waivers:\n" + waiver(expires="2026-03-10"))
    code, out, err = _add(
        db,
        OVERSEAS,
        DOMESTIC,
        EX / "incomplete.yaml",
        extra=("--waivers", str(w), "--today", "2026-03-01", "--lang", "en"),
    )
    assert code == 0, err
    assert "Recorded 3 assessments" in out
    rows = _list(db)
    assert len(rows) == 3
    over = next(r for r in rows if r["declaration_path"] == str(OVERSEAS))
    # critical: the vendor may train on retrieved personal data (TRN-001 raised by severity_by);
    # its holders are under US law, grade B (FA-012, high)
    assert over["risk_level"] == "critical"
    assert over["review_required"] is True
    assert "HR-CONFIDENTIAL" in over["review_flags"]  # type: ignore[operator]
    assert over["waivers"] == [{"id": "W-1", "rule": "DS920-LOCK-001", "expires_on": "2026-03-10"}]
    assert over["assessed_on"] == "2026-03-01"
    assert len(str(over["report_sha256"])) == 64
    assert any(str(c).startswith("ds920_procurement@") for c in over["checklists"])  # type: ignore[attr-defined]
    # both are critical: overseas by TRN-001, incomplete by its unanswered critical rules, which
    # carry full severity
    assert {r["declaration_path"] for r in _list(db, "--risk", "critical")} == {
        str(OVERSEAS),
        str(EX / "incomplete.yaml"),
    }
    assert all(r["review_required"] for r in _list(db, "--review"))
    assert [r["declaration_path"] for r in _list(db, "--vendor", "1010401089234")] == [
        str(OVERSEAS)
    ]
    code, table, _ = run("inventory", "list", "--db", str(db), "--lang", "ja")
    assert code == 0
    assert "AI利用台帳" in table


def test_readding_updates_instead_of_duplicating(db: Path) -> None:
    assert _add(db, DOMESTIC, extra=("--today", "2026-01-01"))[0] == 0
    assert _add(db, DOMESTIC, extra=("--today", "2026-02-01"))[0] == 0
    rows = _list(db)
    assert len(rows) == 1
    assert rows[0]["assessed_on"] == "2026-02-01"


def test_export_csv(db: Path, tmp_path: Path) -> None:
    hostile = write(
        tmp_path / "h.yaml",
        DOMESTIC.read_text(encoding="utf-8").replace(
            "name: さくらAIソリューションズ株式会社", "name: \"=cmd|' /C calc'!A0\"", 1
        ),
    )
    assert _add(db, hostile)[0] == 0
    target = tmp_path / "inv.csv"
    code, _, err = run("inventory", "export", "--csv", str(target), "--db", str(db))
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0][0] == "vendor"
    assert rows[1][0] == "'=cmd|' /C calc'!A0"


def test_expiring(db: Path, tmp_path: Path) -> None:
    w = write(tmp_path / "w.yaml", "waivers:\n" + waiver(expires="2026-03-20"))
    assert _add(db, OVERSEAS, extra=("--waivers", str(w), "--today", "2026-03-01"))[0] == 0
    code, out, _ = run(
        "inventory", "expiring", "--db", str(db), "--today", "2026-02-01", "--lang", "en"
    )
    assert code == 0
    assert "No waivers expire soon" in out
    code, out, _ = run(
        "inventory",
        "expiring",
        "--db",
        str(db),
        "--today",
        "2026-03-01",
        "--days",
        "30",
        "--lang",
        "en",
        "--width",
        "200",
    )
    assert code == 1
    assert "W-1" in out
    assert "19" in out  # days left
    code, out, _ = run(
        "inventory",
        "expiring",
        "--db",
        str(db),
        "--today",
        "2026-04-01",
        "--days",
        "0",
        "--lang",
        "en",
        "--width",
        "200",
    )
    assert code == 1  # already expired counts too
    assert "-12" in out


def test_env_var_selects_database(tmp_path: Path) -> None:
    target = tmp_path / "env.sqlite3"
    code, _, err = run(
        "inventory", "add", str(DOMESTIC), "--no-config", env={"AIPROCURE_INVENTORY": str(target)}
    )
    assert code == 0, err
    assert target.is_file()


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000],
)
def test_damaged_database_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(content)
    for args in (("list",), ("add", str(DOMESTIC), "--no-config"), ("expiring",)):
        code, _, err = run("inventory", *args, "--db", str(bad))
        assert code == 2, args
        assert err.startswith(f"{bad}: not an aiprocure inventory database (")
        assert "Traceback" not in err


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    code, _, err = run("inventory", "add", str(DOMESTIC), "--no-config", "--db", str(other))
    assert code == 2
    assert "not an aiprocure inventory database (it holds other tables)" in err


def test_missing_database_for_readers(tmp_path: Path) -> None:
    code, _, err = run("inventory", "list", "--db", str(tmp_path / "none.sqlite3"))
    assert code == 2
    assert "no such inventory database" in err


_WRITER = """
import sys
from datetime import date
from pathlib import Path
from aiprocure.caio.inventory import Entry, open_inventory
from aiprocure.caio.inventory_schema import SCHEMA, APPLICATION_ID, SCHEMA_VERSION
db, tag, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for i in range(n):
    inv = open_inventory(db, create=True)
    e = Entry(vendor=tag, corporate_number=None, system=f"s{i}", declaration_path=f"{tag}/{i}.yaml",
              declaration_sha256=f"{tag}-{i:06d}", report_sha256="0" * 64, checklists=["x@1"],
              risk_level="low", review_required=False, review_flags=[],
              determination_state="not_raised", determination_reasons=[],
              waivers=[{"id": f"W{i}", "rule": "R-1", "expires_on": "2026-12-31"}],
              assessed_on="2026-01-01")
    inv.add([e])
    inv.close()
"""


@pytest.mark.slow  # two processes
def test_two_processes_writing_at_once(db: Path) -> None:
    n = 300
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(db), tag, str(n)],
            cwd=REPO,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    for p in procs:
        _, err = p.communicate(timeout=240)
        assert p.returncode == 0, err
    inv = open_inventory(db, create=False)
    try:
        entries = inv.entries()
        assert len(entries) == 2 * n
        assert {e.declaration_sha256 for e in entries} == {
            f"{t}-{i:06d}" for t in ("a", "b") for i in range(n)
        }
        assert all(len(e.waivers) == 1 for e in entries)
        assert inv.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert inv.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert inv.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        inv.close()


def test_entry_roundtrip(db: Path) -> None:
    inv = open_inventory(db, create=True)
    e = Entry(
        None,
        None,
        None,
        "p.yaml",
        "d" * 64,
        "r" * 64,
        [],
        "low",
        False,
        [],
        "incomplete",
        ["HR-TASK: use_case.task_nature"],
        [],
        "2026-01-01",
    )
    inv.add([e])
    assert inv.entries() == [e]
    assert inv.expiring(date(2026, 1, 1), 30) == []
    inv.close()


# --- issue 13: damaged rows, read-only directories, one escaping policy ---------------------------


def _damage(db: Path, sql: str) -> None:
    conn = sqlite3.connect(db)
    conn.execute(sql)
    conn.commit()
    conn.close()


def _two_rows_with_waiver(db: Path, tmp_path: Path) -> None:
    w = write(tmp_path / "w.yaml", "waivers:\n" + waiver(expires="2026-03-20"))
    code, _, err = _add(
        db, OVERSEAS, DOMESTIC, extra=("--waivers", str(w), "--today", "2026-03-01")
    )
    assert code == 0, err


def test_damaged_rows_never_crash_list_expiring_export(db: Path, tmp_path: Path) -> None:
    _two_rows_with_waiver(db, tmp_path)
    _damage(db, "UPDATE waivers SET expires_on = 'not a date'")
    _damage(
        db,
        f"UPDATE assessments SET review_flags = '\"HR-X\"' WHERE declaration_path = '{OVERSEAS}'",
    )
    rows = _list(db)
    assert len(rows) == 2
    over = next(r for r in rows if r["declaration_path"] == str(OVERSEAS))
    assert over["review_flags"] == []
    assert over["damaged"] == (
        "row 1: waiver 'W-1' has a bad expiry date; review_flags is not a list of texts"
    )
    fine = next(r for r in rows if r["declaration_path"] == str(DOMESTIC))
    assert "damaged" not in fine
    code, out, err = run("inventory", "list", "--db", str(db), "--lang", "en", "--width", "200")
    assert code == 0, err
    assert "Traceback" not in out + err
    code, out, err = run(
        "inventory", "expiring", "--db", str(db), "--today", "2026-03-01", "--lang", "en"
    )
    assert code == 0, err
    target = tmp_path / "inv.csv"
    code, _, err = run("inventory", "export", "--csv", str(target), "--db", str(db))
    assert code == 0, err
    lines = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    damaged = [line for line in lines if len(line) > len(lines[0])]
    assert [line[-1] for line in damaged] == [over["damaged"]]


def test_damage_messages_name_the_row(db: Path, tmp_path: Path) -> None:
    from aiprocure.caio.inventory import damage_messages

    _two_rows_with_waiver(db, tmp_path)
    _damage(db, "UPDATE assessments SET checklists = 'not json', assessed_on = 5 WHERE id = 2")
    inv = open_inventory(db, create=False)
    entries = inv.entries()
    inv.close()
    assert damage_messages(str(db), entries) == [
        (
            f"{db}: row 2 is damaged (assessed_on is not a date; checklists is not JSON); "
            "shown with what could be read",
            f"{db}: 行 2 が破損しています（assessed_on が日付ではありません、"
            "checklists が JSON ではありません）。読めた内容だけを表示します",
        )
    ]


def test_read_only_directory_is_reported_as_such(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aiprocure.caio import inventory as inv_mod
    from aiprocure.caio.inventory import InventoryError

    assert _add(db, DOMESTIC)[0] == 0

    def read_only(conn: sqlite3.Connection, path: Path, *, create: bool) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(inv_mod, "_prepare", read_only)
    with pytest.raises(InventoryError) as info:
        open_inventory(db, create=False)
    assert str(info.value) == (
        f"{db}: cannot open: the database or its directory is read-only "
        "(SQLite needs to write its journal next to it) (attempt to write a readonly database)"
    )

    def unable(conn: sqlite3.Connection, path: Path, *, create: bool) -> None:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(inv_mod, "_prepare", unable)
    monkeypatch.setattr(os, "access", lambda *a, **k: False)
    with pytest.raises(InventoryError, match="read-only"):
        open_inventory(db, create=False)


HOSTILE_NAME = "Evil\x9b31m\u202eCorp\U000e0041 =1+1"


def _hostile_db(db: Path, tmp_path: Path) -> None:
    hostile = write(
        tmp_path / "h.yaml",
        DOMESTIC.read_text(encoding="utf-8").replace(
            "name: さくらAIソリューションズ株式会社", 'name: "=HYPERLINK(1)\\e]52;c;QUFB\\a"', 1
        ),
    )
    assert _add(db, hostile)[0] == 0
    _damage(db, f"UPDATE assessments SET system = '{HOSTILE_NAME}'")


def test_inventory_json_escapes_like_check(db: Path, tmp_path: Path) -> None:
    _hostile_db(db, tmp_path)
    code, out, err = run("inventory", "list", "--db", str(db), "--format", "json")
    assert code == 0, err
    for raw in ("\x9b", "\u202e", "\U000e0041", "\x1b", "\x07"):
        assert raw not in out
    assert "Evil\\u009b31m\\u202eCorp\\udb40\\udc41 =1+1" in out
    assert json.loads(out)[0]["system"] == HOSTILE_NAME  # the data is unchanged


def test_inventory_csv_makes_controls_visible_and_guards_formulas(db: Path, tmp_path: Path) -> None:
    _hostile_db(db, tmp_path)
    code, out, err = run("inventory", "list", "--db", str(db), "--format", "csv")
    assert code == 0, err
    for raw in ("\x9b", "\u202e", "\U000e0041", "\x1b", "\x07"):
        assert raw not in out
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["vendor"] == "'=HYPERLINK(1)\\x1b]52;c;QUFB\\x07"
    assert row["system"] == "Evil\\x9b31m\\u202eCorp<U+E0041> =1+1"


# --- issue 11: the determination's columns, and an inventory of schema 1 upgraded -----------------


def test_the_inventory_records_the_determination(db: Path, tmp_path: Path) -> None:
    decl = tmp_path / "d.yaml"
    text = DOMESTIC.read_text(encoding="utf-8")
    decl.write_text(text.replace("  task_nature: internal_support\n", ""), encoding="utf-8")
    code, _, err = run("inventory", "add", str(decl), "--db", str(db), "--today", "2026-03-01")
    assert code == 0, err
    code, out, _ = run("inventory", "list", "--db", str(db), "--format", "json")
    (row,) = json.loads(out)
    assert row["determination_state"] == "incomplete"
    assert row["determination_reasons"] == ["HR-TASK: use_case.task_nature"]
    code, out, _ = run("inventory", "list", "--db", str(db), "--format", "csv")
    assert "determination_state" in out.splitlines()[0]
    assert "incomplete" in out


def test_a_schema_1_inventory_is_upgraded_and_its_rows_stay_unknown(db: Path) -> None:
    conn = sqlite3.connect(db)
    old = SCHEMA.replace(
        ",\n    determination_state TEXT,\n    determination_reasons TEXT NOT NULL DEFAULT '[]'",
        "",
    )
    assert "determination" not in old
    conn.executescript(old)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO assessments (declaration_sha256, declaration_path, report_sha256, "
        "checklists, risk_level, review_required, review_flags, assessed_on) "
        "VALUES ('d', 'p.yaml', 'r', '[]', 'low', 0, '[]', '2026-01-01')"
    )
    conn.commit()
    conn.close()
    reader = open_inventory(db, create=False)  # a reader does not upgrade, but reads
    try:
        (entry,) = reader.entries()
        assert entry.determination_state is None
        assert not entry.damaged
    finally:
        reader.close()
    inv = open_inventory(db, create=True)
    try:
        assert inv.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        (entry,) = inv.entries()
        assert entry.determination_state is None  # unknown, never shown as not raised
        assert entry.determination_reasons == []
    finally:
        inv.close()
