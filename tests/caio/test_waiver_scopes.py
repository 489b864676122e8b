"""Issue 13, round two: waivers are scoped by what the ministry controls, not by declared names."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tests.caio.helpers import CORP, OVERSEAS, finding, run, waiver, write

CHECK = ("check", "--no-config", "--format", "json", "--today", "2026-02-01")


def _report(decl: Path, waivers: Path) -> dict[str, object]:
    code, out, err = run(*CHECK, str(decl), "--waivers", str(waivers))
    assert code in (0, 1), err
    doc: dict[str, object] = json.loads(out)
    return doc


def test_an_impostor_with_a_trusted_name_inherits_nothing(tmp_path: Path) -> None:
    impostor = tmp_path / "impostor.yaml"
    text = OVERSEAS.read_text(encoding="utf-8").replace(CORP, "3234567890120")
    impostor.write_text(text, encoding="utf-8")  # same vendor name, another corporate number
    w = write(
        tmp_path / "w.yaml",
        "waivers:\n"
        + waiver(
            scope=f'corporate_number: "{CORP}"\n      vendor: Global Generative Japan 合同会社'
        ),
    )
    assert finding(_report(impostor, w), "DS920-LOCK-001")["status"] == "fail"
    waived = finding(_report(OVERSEAS, w), "DS920-LOCK-001")
    assert waived["status"] == "waived"
    assert waived["waiver"]["scope"] == "corporate_number"


def test_a_name_only_scope_is_an_error_with_a_hint(tmp_path: Path) -> None:
    w = write(
        tmp_path / "w.yaml", "waivers:\n" + waiver(scope="vendor: Global Generative Japan 合同会社")
    )
    code, _, err = run(*CHECK, str(OVERSEAS), "--waivers", str(w), "--lang", "en")
    assert code == 2
    assert err == (
        f"{w}:4:5: waivers[0].scope: a scope by vendor or system name alone matches "
        "whoever declares that name; scope the waiver by sha256 (the declaration's digest), "
        "declaration (its path, relative to this file) or corporate_number (the name may narrow "
        "one of them)\n"
    )
    code, _, err = run(*CHECK, str(OVERSEAS), "--waivers", str(w), "--lang", "ja")
    assert code == 2
    assert "vendor・system の名前だけの対象は" in err


def test_scope_by_sha256(tmp_path: Path) -> None:
    digest = hashlib.sha256(OVERSEAS.read_bytes()).hexdigest()
    w = write(tmp_path / "w.yaml", "waivers:\n" + waiver(scope=f"sha256: {digest}"))
    waived = finding(_report(OVERSEAS, w), "DS920-LOCK-001")
    assert (waived["status"], waived["waiver"]["scope"]) == ("waived", "sha256")
    changed = tmp_path / "changed.yaml"
    changed.write_bytes(OVERSEAS.read_bytes() + b"# edited\n")
    assert finding(_report(changed, w), "DS920-LOCK-001")["status"] == "fail"


def test_declaration_path_is_relative_to_the_waivers_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bids").mkdir()
    (tmp_path / "office").mkdir()
    decl = tmp_path / "bids" / "a.yaml"
    shutil.copy(OVERSEAS, decl)
    scope = "declaration: ../bids/*.yaml"
    w = write(tmp_path / "office" / "w.yaml", "waivers:\n" + waiver(scope=scope))
    waived = finding(_report(decl, w), "DS920-LOCK-001")
    assert (waived["status"], waived["waiver"]["scope"]) == ("waived", "declaration")
    monkeypatch.chdir(tmp_path / "bids")  # the path as given is relative to another directory
    assert finding(_report(Path("a.yaml"), w), "DS920-LOCK-001")["status"] == "waived"
    # the same glob in a waivers file elsewhere does not match (it is not read against the cwd)
    other = write(tmp_path / "w2.yaml", "waivers:\n" + waiver(scope=scope))
    assert finding(_report(Path("a.yaml"), other), "DS920-LOCK-001")["status"] == "fail"


def test_a_waiver_that_matched_nothing_is_a_warning(tmp_path: Path) -> None:
    w = write(
        tmp_path / "w.yaml",
        "waivers:\n"
        + waiver("W-1", scope=f'corporate_number: "{CORP}"')
        + waiver("W-2", scope='corporate_number: "3234567890120"'),
    )
    code, _, err = run(
        "check", str(OVERSEAS), "--waivers", str(w), "--today", "2026-02-01", "--no-config",
        "--lang", "en",
    )  # fmt: skip
    assert code == 1  # the warning changes nothing else
    second = 2 + w.read_text(encoding="utf-8").splitlines()[1:].index("  - id: W-2")
    assert err == (
        f"{w}:{second}:5: warning: waiver W-2 (DS920-LOCK-001) matched no declaration of this "
        "run; check its scope\n"
    )
    _, _, err = run(
        "check", str(OVERSEAS), "--waivers", str(w), "--today", "2026-02-01", "--no-config",
        "--lang", "ja",
    )  # fmt: skip
    assert err.endswith(
        "はこの実行のどの申告書にも当てはまりませんでした。対象（scope）を確認してください\n"
    )


def test_terminal_and_markdown_name_the_scope_that_matched(tmp_path: Path) -> None:
    w = write(tmp_path / "w.yaml", "waivers:\n" + waiver(scope=f'corporate_number: "{CORP}"'))
    base = ("check", str(OVERSEAS), "--waivers", str(w), "--today", "2026-02-01", "--no-config")
    out = run(*base, "--lang", "en", "--width", "400")[1]
    assert "[matched by: corporate_number]" in out
    out = run(*base, "--lang", "ja", "--format", "markdown")[1]
    assert "\\[対象の一致: corporate\\_number\\]" in out
