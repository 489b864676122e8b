"""Hostile and broken declarations: each gets exit 2 and exact ``file:line:col: message`` lines.

The corpus lives in ``tests/bad/`` (one file per case); the cases that cannot be files in a repository
(huge, symlinks, a directory, unreadable) are made by fixtures. Every case runs through the real CLI
(``validate`` and ``check``) in-process; two run through the installed console script as well.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from aiprocure import api
from aiprocure.cli import app
from aiprocure.errors import MAX_PROBLEMS, TOO_MANY, InputError, Problem
from aiprocure.sources import load as load_mod
from aiprocure.sources.load import read_bytes
from aiprocure.sources.yamlsrc import MAX_BYTES

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "bad"
VALID = ROOT / "examples" / "domestic-low-risk.yaml"
runner = CliRunner()

PY_APPLY = "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"

# file name -> the exact stderr lines, without the "tests/bad/<name>:" prefix.
EXPECTED: dict[str, list[str]] = {
    "empty.yaml": ["1:1: empty document; expected a YAML mapping"],
    "whitespace-and-comments.yaml": ["1:1: empty document; expected a YAML mapping"],
    "binary-nul.yaml": ["3:11: binary file (NUL byte); expected UTF-8 YAML text"],
    "latin-1.yaml": ["4:12: not valid UTF-8 (byte 0xe9); save the file as UTF-8"],
    "shift-jis.yaml": ["4:9: not valid UTF-8 (byte 0x8a); save the file as UTF-8"],
    "utf-16-bom.yaml": ["1:1: file is UTF-16; save it as UTF-8"],
    "utf-16-no-bom.yaml": [
        "1:1: file looks like UTF-16 without a byte-order mark; save it as UTF-8"
    ],
    "deep-nesting.yaml": ["68:131: nesting deeper than 64 levels"],
    "deep-flow.yaml": ["3:1008: YAML syntax error: exceeded maximum nesting depth"],
    "alias-bomb.yaml": ["3:8: document expands to more than 100000 nodes (alias bomb?)"],
    "recursive-alias.yaml": ["3:9: nesting deeper than 64 levels"],
    "duplicate-top.yaml": ["5:1: duplicate key 'training_use' (first defined at line 3, column 1)"],
    "duplicate-section.yaml": [
        "5:3: duplicate key 'customer_data' (first defined at line 3, column 3)"
    ],
    "duplicate-nested.yaml": ["7:5: duplicate key 'country' (first defined at line 6, column 5)"],
    "duplicate-list-item.yaml": [
        "6:7: duplicate key 'country' (first defined at line 5, column 7)",
        "7:33: duplicate key 'name' (first defined at line 7, column 8)",
    ],
    "duplicate-quoted.yaml": [
        "2:1: duplicate key 'schema_version' (first defined at line 1, column 1)"
    ],
    "tag-python-apply.yaml": [f"3:9: {PY_APPLY}"],
    "tag-python-name.yaml": ["3:9: tag 'tag:yaml.org,2002:python/name:os.system' is not allowed"],
    "tag-custom.yaml": ["2:9: tag '!foo' is not allowed"],
    "tag-binary.yaml": ["3:9: tag 'tag:yaml.org,2002:binary' is not allowed"],
    "tag-set.yaml": ["3:19: tag 'tag:yaml.org,2002:set' is not allowed"],
    "tag-directive.yaml": [f"5:9: {PY_APPLY}"],
    "merge-key.yaml": ["4:3: merge keys (<<) are not allowed; write every key out"],
    "wrong-types.yaml": [
        "3:3: vendor.name: write text",
        "4:3: vendor.has_parent_company: write true or false (got 'maybe')",
        "6:3: retention.prompt_days: write a whole number (got 'thirty')",
        "7:3: retention.log_days: write a whole number (got 1.5)",
        "9:3: data_locations.storage: write a list, even of one item: [JP] (or one '- ' line per item) (got 'JP')",
        "11:3: quality.sla_availability_percent: write 100 or less (got 101)",
    ],
    "schema-version-number.yaml": [
        "1:1: schema_version: write one of '1.0' or '2.0' (got 1.0); quote it to make it text",
    ],
    "unknown-keys.yaml": [
        "2:1: unknown key 'vendr' in the top level; did you mean 'vendor'?",
        "5:3: unknown key 'customer_dta' in training_use; did you mean 'customer_data'?",
        "8:7: sub_processors.entities[0]: missing required key 'country'",
        "8:18: unknown key 'contry' in sub_processors.entities[0]; did you mean 'country'?",
    ],
    "multi-document.yaml": [
        "2:1: YAML syntax error: more than one YAML document (---); put one declaration per file"
    ],
    "top-level-list.yaml": ["1:1: expected a YAML mapping at the top level"],
    "top-level-scalar.yaml": ["1:1: expected a YAML mapping at the top level"],
    # .nan / .inf are not numbers here (YAML 1.2 JSON schema), and numeric facts are strict:
    # text such as "NaN" or an overflowing float is refused rather than converted.
    "nan.yaml": [
        "3:3: quality.sla_availability_percent: write a number (got '.nan')",
    ],
    "infinity.yaml": [
        "3:3: quality.sla_availability_percent: write a number (got '-.inf')",
    ],
    "nan-quoted.yaml": [
        "3:3: quality.sla_availability_percent: write a number (got 'NaN')",
    ],
    "overflow-float.yaml": [
        "3:3: quality.sla_availability_percent: write a number (got '1e999')",
    ],
    "corporate-number-check-digit.yaml": [
        "4:3: vendor.corporate_number: corporate_number must be 13 digits with a valid check digit (法人番号の検査用数字) (got '7000012050003')",
    ],
    "corporate-number-unquoted.yaml": [
        "4:3: vendor.corporate_number: write text (got 7000012050002); quote it to make it text",
    ],
    "raw-escape.yaml": ["3:9: control character U+001B is not allowed"],
    "c1-control.yaml": ["3:10: control character U+009B is not allowed"],
    "line-separator.yaml": [
        "3:10: U+2028 LINE SEPARATOR is not allowed; use an ordinary line break"
    ],
    "syntax-error.yaml": ["4:1: YAML syntax error: did not find expected ',' or ']'"],
    "tab-indent.yaml": ["3:1: YAML syntax error: found character that cannot start any token"],
    "complex-key.yaml": ["2:3: mapping keys must be plain text"],
    # bounded work (docs/limits.md): digits, expanded characters, list items
    "big-int-400-zeros.yaml": ["3:16: integer has 401 digits; the limit is 18"],
    "big-int-5000-digits.yaml": ["3:16: integer has 5000 digits; the limit is 18"],
    "big-float.yaml": ["3:29: number is too large"],
    "alias-expanded-chars.yaml": [
        "3:26: document expands to more than 1048576 characters (alias bomb?)"
    ],
    "list-too-long.yaml": ["1004:7: list has 1001 items; the limit is 1000"],
    # facts, not games: assigned country codes, no blank text, ISO dates in range, numbers in range
    "country-uk.yaml": [
        "4:3: vendor.country: 'UK' is not an ISO 3166-1 alpha-2 country code; did you mean 'GB'? (got 'UK')",
    ],
    "country-eu.yaml": [
        "3:17: data_locations.storage[1]: 'EU' is not an ISO 3166-1 alpha-2 country code; the EU is not a country; list the member states, e.g. 'DE', 'FR', 'IE' (got 'EU')",
    ],
    "country-unassigned.yaml": [
        "3:3: contract.governing_law: 'XX' is not an assigned ISO 3166-1 alpha-2 country code (got 'XX')",
        "4:3: contract.court_country: 'ZZ' is not an assigned ISO 3166-1 alpha-2 country code (got 'ZZ')",
    ],
    "blank-evidence.yaml": [
        "5:7: vendor.evidence[0].document: must not be blank (whitespace only) (got ' ')",
    ],
    "blank-list-item.yaml": [
        "3:28: quality.hallucination_controls[0]: must not be blank (whitespace only) (got ' ')",
    ],
    "date-integer.yaml": [
        "2:1: declared_on: write the date as YYYY-MM-DD, such as 2026-11-05 (got 0)",
    ],
    "date-far-future.yaml": [
        "4:35: quality.evaluations[0].performed_on: date 9999-12-31 is outside 2000-01-01 .. 2099-12-31 (got '9999-12-31')",
    ],
    "date-before-2000.yaml": [
        "2:1: declared_on: date 1970-01-01 is outside 2000-01-01 .. 2099-12-31 (got '1970-01-01')",
    ],
    "days-out-of-range.yaml": [
        "3:3: retention.prompt_days: write 36500 or less (got 100000)",
        "5:3: accountability.incident_notification_hours: write 8760 or less (got 9000)",
    ],
    # what to write instead (sources/fixhints.py): never a regex, the value suggested
    "country-name.yaml": [
        "3:3: vendor.country: use a two-letter ISO 3166-1 code such as JP ('Japan' is not one)",
        "7:17: sub_processors.entities[0].country: use a two-letter ISO 3166-1 code such as US ('米国' is not one)",
    ],
    "list-as-text.yaml": [
        "3:3: data_locations.storage: write a list: [JP, US] (or one '- ' line per item) (got 'JP, US')",
        "4:3: data_locations.processing: write a list, even of one item: [JP] (or one '- ' line per item) (got 'JP')",
    ],
    "date-unpadded.yaml": [
        "2:1: declared_on: write the date as YYYY-MM-DD, here 2026-11-05 (got '2026-11-5')",
    ],
    "boolean-yes.yaml": [
        "4:3: vendor.has_parent_company: write true or false (for 'yes', write true)",
        "6:3: sub_processors.customer_can_object: write true or false (for 'はい', write true)",
    ],
    "corporate-number-hyphens.yaml": [
        "4:3: vendor.corporate_number: write the 13 digits without hyphens or spaces, in quotes: \"6010001012335\" (got '6-0100-0101-2335')",
    ],
    "indent-key-column0.yaml": [
        "5:1: YAML syntax error: key 'has_parent_company' is at column 1, left of the keys around it (column 3), so the indented line after it is out of place; indent 'has_parent_company' to column 3",
    ],
}

# Files in tests/bad/ that are *accepted*: the decision is part of the corpus.
ACCEPTED = {
    "utf-8-bom.yaml",  # Windows editors write a UTF-8 BOM
    "country-no.yaml",  # NO is Norway, never the boolean false
}


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"LANG": "C", "SOURCE_DATE_EPOCH": ""})
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_corpus_and_expectations_match() -> None:
    on_disk = {p.name for p in BAD.glob("*.yaml")}
    assert on_disk == set(EXPECTED) | ACCEPTED


# slow for check: the same reader and positions as validate, through the longer command
@pytest.mark.parametrize("command", ["validate", pytest.param("check", marks=pytest.mark.slow)])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_refused_with_exact_positions(name: str, command: str) -> None:
    path = rel(BAD / name)
    code, out, err = cli(command, path)
    assert code == 2
    assert out == ""
    assert err.splitlines() == [f"{path}:{line}" for line in EXPECTED[name]]


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_accepted_file_validates_and_checks(name: str) -> None:
    path = rel(BAD / name)
    assert cli("validate", path) == (0, f"{path}: ok\n", "")
    code, out, err = cli("check", path, "--format", "json")
    assert code in (0, 1)
    assert err == ""
    assert out.startswith("{")


def test_country_no_stays_norway() -> None:
    declaration, _ = api.load_declaration(BAD / "country-no.yaml")
    assert declaration.vendor is not None
    assert declaration.vendor.country == "NO"
    assert declaration.vendor.has_parent_company is False


def test_utf8_bom_does_not_shift_positions(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b'\xef\xbb\xbfschema_version: "1.0"\nvendr: {}\n')
    code, _, err = cli("validate", str(path))
    assert (code, err) == (
        2,
        f"{path}:2:1: unknown key 'vendr' in the top level; did you mean 'vendor'?\n",
    )


# --- cases made by fixtures --------------------------------------------------------------------


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    size = 3 * MAX_BYTES
    path.write_bytes(b'schema_version: "1.0"\n' + b"# padding\n" * ((size - 22) // 10))
    for command in ("validate", "check"):
        code, _, err = cli(command, str(path))
        assert (code, err) == (
            2,
            f"{path}:1:1: file is {path.stat().st_size} bytes; the limit is {MAX_BYTES}\n",
        )


def test_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "limit.yaml"
    head = b'schema_version: "1.0"\n'
    path.write_bytes(head + b"#" * (MAX_BYTES - len(head) - 1) + b"\n")
    assert cli("validate", str(path))[0] == 0


def test_symlink_to_valid_file_is_followed(tmp_path: Path) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(VALID)
    assert cli("validate", str(link)) == (0, f"{link}: ok\n", "")
    code, _, err = cli("check", str(link), "--format", "json")
    assert (code in (0, 1), err) == (True, "")


def test_dangling_symlink_is_an_error(tmp_path: Path) -> None:
    link = tmp_path / "dangling.yaml"
    link.symlink_to(tmp_path / "gone.yaml")
    for command in ("validate", "check"):
        code, _, err = cli(command, str(link))
        assert (code, err) == (2, f"{link}:1:1: broken symbolic link (its target does not exist)\n")


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    for command in ("validate", "check"):
        assert cli(command, str(path)) == (2, "", f"{path}:1:1: no such file\n")


def test_directory_where_a_file_is_expected(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.mkdir()
    code, _, err = cli("check", "--checklist", str(pack), str(VALID))
    assert (code, err) == (2, f"{pack}:1:1: is a directory, not a YAML file\n")
    with pytest.raises(InputError) as info:
        read_bytes(pack)
    assert str(info.value) == f"{pack}:1:1: is a directory, not a YAML file"


def test_directory_without_declarations(tmp_path: Path) -> None:
    for command in ("validate", "check"):
        code, _, err = cli(command, str(tmp_path))
        assert (code, err) == (2, f"{tmp_path}:1:1: directory holds no .yaml or .yml files\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert cli("validate", str(fifo)) == (2, "", f"{fifo}:1:1: is not a regular file\n")


def _read_in_thread(path: Path, fifo: Path) -> list[object]:
    """``read_bytes(path)`` in a daemon thread with a timeout: a regression that blocks on the FIFO
    fails the test (the FIFO is then opened for writing once, to release the reader) instead of
    hanging the suite."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(read_bytes(path))
        except InputError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=10)
    if worker.is_alive():
        with open(fifo, "wb"):  # unblock the reader, then fail
            pass
        worker.join(timeout=10)
        pytest.fail("read_bytes blocked on a FIFO")
    return outcome


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_swapped_in_after_the_check_does_not_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is a regular file when stat() looks and a FIFO when it is opened."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    regular = tmp_path / "regular.yaml"
    regular.write_bytes(b"a: 1\n")
    real_stat = os.stat

    def stat_before_the_swap(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if Path(str(path)) == fifo:
            return real_stat(regular)
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat_before_the_swap)
    outcome = _read_in_thread(fifo, fifo)
    assert len(outcome) == 1
    assert isinstance(outcome[0], InputError)
    assert str(outcome[0]) == f"{fifo}:1:1: is not a regular file"
    assert outcome[0].problems[0].ja == "通常のファイルではありません"


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_device_is_not_read() -> None:
    with pytest.raises(InputError) as info:
        read_bytes(Path("/dev/null"))
    assert str(info.value) == "/dev/null:1:1: is not a regular file"


def test_very_long_file_name_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / ("x" * 5000 + ".yaml")
    with pytest.raises(InputError) as info:
        read_bytes(path)
    assert str(info.value) == f"{path}:1:1: file name too long"
    assert info.value.problems[0].ja == "ファイル名が長すぎます"
    # (the CLI's path expansion, api.expand_paths, stats the name before read_bytes does: its own
    # ENAMETOOLONG is left to the owner of api.py)


def _deny(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def fake_open(path: object, *args: Any, **kwargs: Any) -> int:
        if Path(str(path)) == target:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", fake_open)


def test_unreadable_file_via_monkeypatch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.yaml"
    path.write_bytes(VALID.read_bytes())
    _deny(path, monkeypatch)
    for command in ("validate", "check"):
        assert cli(command, str(path)) == (2, "", f"{path}:1:1: permission denied\n")


def test_permission_error_branch_of_read_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    _deny(path, monkeypatch)
    with pytest.raises(InputError) as info:
        read_bytes(path)
    assert info.value.problems == [Problem(str(path), 1, 1, "permission denied")]


def test_other_os_errors_are_positioned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "io.yaml"
    path.write_text("a: 1\n", encoding="utf-8")

    def broken(path: object, *args: object, **kwargs: object) -> int:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "open", broken)
    with pytest.raises(InputError) as info:
        load_mod.read_bytes(path)
    assert str(info.value) == f"{path}:1:1: cannot read: Input/output error"


def test_nul_in_a_file_name_from_the_api_is_positioned() -> None:
    with pytest.raises(InputError) as info:
        read_bytes(Path("bad\x00name.yaml"))
    assert info.value.problems == [Problem("bad\x00name.yaml", 1, 1, "no such file")]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_unreadable_file_via_chmod(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.yaml"
    path.write_bytes(VALID.read_bytes())
    path.chmod(0)
    if os.geteuid() == 0:  # chmod 000 does not stop root: refuse the open as the kernel would
        real_open = os.open

        def refuse(name: object, *args: object, **kwargs: object) -> int:
            if str(name) == str(path):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(name, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", refuse)
    try:
        assert cli("validate", str(path)) == (2, "", f"{path}:1:1: permission denied\n")
    finally:
        path.chmod(0o600)


def test_problems_are_capped(tmp_path: Path) -> None:
    path = tmp_path / "dups.yaml"
    path.write_text('schema_version: "1.0"\n' + "k: 1\n" * 500, encoding="utf-8")
    code, _, err = cli("validate", str(path))
    lines = err.splitlines()
    assert code == 2
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[-1] == f"{path}:{MAX_PROBLEMS + 3}:1: {TOO_MANY}"


def test_huge_key_is_cut_in_the_message(tmp_path: Path) -> None:
    path = tmp_path / "key.yaml"
    path.write_text('schema_version: "1.0"\n' + "k" * 1000 + ": 1\n", encoding="utf-8")
    code, _, err = cli("validate", str(path))
    assert code == 2
    assert len(err) < 200
    assert err.startswith(f"{path}:2:1: unknown key 'kkk")


def test_one_bad_file_does_not_hide_the_good_ones(tmp_path: Path) -> None:
    good = tmp_path / "a-good.yaml"
    good.write_bytes(VALID.read_bytes())
    bad = tmp_path / "b-bad.yaml"
    bad.write_bytes(b"a: 1\na: 2\n")
    code, out, err = cli("validate", str(tmp_path))
    assert code == 2
    assert out == f"{good}: ok\n"
    assert err == f"{bad}:2:1: duplicate key 'a' (first defined at line 1, column 1)\n"


@pytest.mark.slow  # subprocesses
@pytest.mark.parametrize("name", ["binary-nul.yaml", "alias-bomb.yaml", "tag-python-apply.yaml"])
def test_console_script_never_shows_a_traceback(name: str) -> None:
    exe = Path(sys.executable).with_name("aiprocure")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "aiprocure"]
    proc = subprocess.run(
        [*cmd, "check", rel(BAD / name)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [f"{rel(BAD / name)}:{line}" for line in EXPECTED[name]]
