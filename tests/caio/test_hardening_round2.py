"""Issue 13, round two: nothing overwritten, nothing skipped in silence, usable with many bidders,
damaged inventory rows reported."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from aiprocure import api
from aiprocure.api import core
from aiprocure.caio.compare import bidders_per_table
from aiprocure.errors import InputError, Problem
from tests.caio.helpers import DOMESTIC, OVERSEAS, run, waiver, write
from tests.conftest import REPO

OVERWRITE_EN = (
    "is an input of this run; the output would overwrite it (use --force to write it anyway)"
)
OVERWRITE_JA = "この実行の入力ファイルです。出力で上書きされます（それでも書くには --force）"


@pytest.fixture
def decl(tmp_path: Path) -> Path:
    path = tmp_path / "X.yaml"
    shutil.copy(DOMESTIC, path)
    return path


# --- never write over an input of the same run ----------------------------------------------------


def test_check_refuses_to_write_its_report_over_the_declaration(decl: Path) -> None:
    before = decl.read_bytes()
    code, out, err = run("check", str(decl), "-o", f"json:{decl}", "--no-config", "--lang", "en")
    assert (code, out, err) == (2, "", f"{decl}:1:1: {OVERWRITE_EN}\n")
    assert decl.read_bytes() == before
    code, _, err = run("check", str(decl), "-o", f"json:{decl}", "--no-config", "--lang", "ja")
    assert (code, err) == (2, f"{decl}:1:1: {OVERWRITE_JA}\n")


def test_check_compares_by_inode_not_by_name(decl: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    os.link(decl, link)  # another name for the same file
    code, _, err = run("check", str(tmp_path), "-o", str(link), "--no-config", "--lang", "en")
    assert (code, err) == (2, f"{link}:1:1: {OVERWRITE_EN}\n")


def test_check_refuses_waivers_config_and_pack(decl: Path, tmp_path: Path) -> None:
    w = write(tmp_path / "w.yaml", "waivers:\n" + waiver())
    code, _, err = run(
        "check", str(decl), "--waivers", str(w), "-o", f"json:{w}", "--no-config", "--lang", "en"
    )
    assert (code, err) == (2, f"{w}:1:1: {OVERWRITE_EN}\n")
    cfg = write(tmp_path / "aiprocure.yaml", "parameters:\n  max_incident_notification_hours: 12\n")
    code, _, err = run(
        "check", str(decl), "--config", str(cfg), "-o", f"markdown:{cfg}", "--lang", "en"
    )
    assert (code, err) == (2, f"{cfg}:1:1: {OVERWRITE_EN}\n")
    pack = tmp_path / "pack.yaml"
    shutil.copy(REPO / "examples" / "packs" / "ministry-extra.yaml", pack)
    code, _, err = run(
        "check", str(decl), "-c", str(pack), "-o", f"html:{pack}", "--no-config", "--lang", "en"
    )
    assert (code, err) == (2, f"{pack}:1:1: {OVERWRITE_EN}\n")


def test_force_writes_over_an_input(decl: Path) -> None:
    code, _, err = run("check", str(decl), "-o", f"json:{decl}", "--no-config", "--force")
    assert (code, err) == (0, "")
    assert decl.read_text(encoding="utf-8").startswith("{")


def test_compare_refuses_to_write_over_a_bidder(decl: Path) -> None:
    code, out, err = run(
        "compare", str(decl), str(OVERSEAS), "-o", str(decl), "--no-config", "--lang", "en"
    )
    assert (code, out, err) == (2, "", f"{decl}:1:1: {OVERWRITE_EN}\n")
    code, _, err = run(
        "compare", str(decl), str(OVERSEAS), "-o", str(decl), "--no-config", "--force"
    )
    assert (code, err) == (0, "")


def test_inventory_export_refuses_the_database_and_its_declarations(
    decl: Path, tmp_path: Path
) -> None:
    db = tmp_path / "inv.sqlite3"
    assert run("inventory", "add", str(decl), "--db", str(db), "--no-config")[0] == 0
    before = decl.read_bytes()
    for target in (decl, db):
        code, _, err = run(
            "inventory", "export", "--csv", str(target), "--db", str(db), "--lang", "en"
        )
        assert (code, err) == (2, f"{target}:1:1: {OVERWRITE_EN}\n")
    assert decl.read_bytes() == before
    code, _, err = run("inventory", "export", "--csv", str(decl), "--db", str(db), "--force")
    assert (code, err) == (0, "")


# --- nothing skipped in silence --------------------------------------------------------------------


def test_unreadable_subdirectory_is_a_positioned_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(DOMESTIC, tmp_path / "a.yaml")
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copy(DOMESTIC, locked / "b.yaml")
    real = os.scandir

    def scandir(path: object) -> object:  # what mode 000 does to anyone but root
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(InputError) as info:
        core.expand_paths([tmp_path])
    assert info.value.problems == [
        Problem(str(locked), 1, 1, "cannot read directory: permission denied")
    ]
    code, out, err = run("check", str(tmp_path), "--no-config", "--lang", "ja")
    assert (code, out) == (2, "")
    assert err == f"{locked}:1:1: ディレクトリを読み取れません: 読み取りの権限がありません\n"


def test_directory_that_cannot_be_entered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)) == tmp_path:
            raise OSError(5, "Input/output error", str(path))
        return real(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    code, _, err = run("validate", str(tmp_path), "--lang", "en")
    assert (code, err) == (2, f"{tmp_path}:1:1: cannot read directory: Input/output error\n")


def test_path_too_long_is_a_positioned_error(tmp_path: Path) -> None:
    long = tmp_path / ("x" * 5000 + ".yaml")
    code, out, err = run("check", str(long), "--no-config", "--lang", "en")
    assert (code, out, err) == (2, "", f"{long}:1:1: file name too long\n")
    deep = tmp_path.joinpath(*["y" * 200] * 30)
    assert api.expand_paths([deep]) == [deep]  # not a crash: reading it reports it
    code, _, err = run("validate", str(deep), "--lang", "ja")
    assert (code, err) == (2, f"{deep}:1:1: ファイル名が長すぎます\n")


def test_enametoolong_inside_expand_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def scandir(path: object) -> object:
        raise OSError(36, "File name too long", str(path))

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(InputError) as info:
        core.expand_paths([tmp_path])
    assert info.value.problems == [Problem(str(tmp_path), 1, 1, "file name too long")]


# --- compare with many bidders ----------------------------------------------------------------------


def test_compare_forty_bidders_is_a_usable_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    paths = []
    for i in range(40):
        shutil.copy(DOMESTIC, tmp_path / f"b-{i:02}.yaml")
        paths.append(f"b-{i:02}.yaml")
    code, out, err = run("compare", *paths, "--no-config", "--lang", "en", "--width", "100")
    assert (code, err) == (0, "")
    per = bidders_per_table(100)
    assert per == 5
    titles = [line for line in out.splitlines() if line.startswith("Bidder comparison")]
    assert titles == [
        f"Bidder comparison (bidders {i + 1}-{min(i + per, 40)} of 40)" for i in range(0, 40, per)
    ]
    for i in range(40):
        assert f"b-{i:02}.yaml" in out
    assert out.count("100 (low)") >= 40
    code, out, _ = run("compare", *paths[:3], "--no-config", "--lang", "ja")
    assert out.startswith("入札者比較\n")


# --- damaged inventory rows are reported ----------------------------------------------------------


def test_damaged_rows_are_warned_about(tmp_path: Path) -> None:
    db = tmp_path / "inv.sqlite3"
    w = write(tmp_path / "w.yaml", "waivers:\n" + waiver(expires="2026-03-20"))
    code, _, err = run(
        "inventory", "add", str(OVERSEAS), "--db", str(db), "--no-config", "--waivers", str(w),
        "--today", "2026-03-01",
    )  # fmt: skip
    assert code == 0, err
    conn = sqlite3.connect(db)
    conn.execute("UPDATE waivers SET expires_on = 'not a date'")
    conn.commit()
    conn.close()
    en = f"{db}: row 1 is damaged (waiver 'W-1' has a bad expiry date); shown with what could be read\n"
    ja = f"{db}: 行 1 が破損しています（"
    code, _, err = run("inventory", "list", "--db", str(db), "--lang", "en")
    assert (code, err) == (0, en)
    code, _, err = run("inventory", "list", "--db", str(db), "--lang", "ja")
    assert code == 0
    assert err.startswith(ja)
    code, _, err = run(
        "inventory", "expiring", "--db", str(db), "--today", "2026-03-01", "--lang", "en"
    )
    assert (code, err) == (0, en)
    code, _, err = run(
        "inventory", "export", "--csv", str(tmp_path / "o.csv"), "--db", str(db), "--lang", "en"
    )
    assert (code, err) == (0, en)
