"""`aiprocure migrate`: the text it writes (comments and layout kept, every rewrite of section 6
of docs/declaration-format.md, block and flow forms), and the command's behaviour (stdout, -o,
--check, --force, a 2.0 input, bad input)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from aiprocure import api
from aiprocure.cli import app
from aiprocure.sources.migrate import migrate_file

runner = CliRunner()

OLD = """\
# A vendor's declaration (format 1.0)
schema_version: '1.0'   # the version line keeps its quotes and comment
vendor:
  name: Example KK  # trailing comment
  evidence:
    - document: Company profile
      page: 2     # block entry: kind goes on a line of its own
    - {document: Registry extract}
use_case:
  users: staff_only
  # the 1.0 data lists
  data_for_training: [internal]   # training comment
  data_for_retrieval: [public, confidential]  # retrieval comment
  task: summarise
exit: {export_formats: [JSON], export_contents: [prompts, logs], standard_apis: true}
"""

NEW = """\
# A vendor's declaration (format 1.0)
schema_version: '2.0'   # the version line keeps its quotes and comment
vendor:
  name: Example KK  # trailing comment
  evidence:
    - document: Company profile
      page: 2     # block entry: kind goes on a line of its own
      kind: unspecified
    - {document: Registry extract, kind: unspecified}
use_case:
  users: staff_only
  # the 1.0 data lists
  data: {training: [class2], retrieval: [public, class3], prompts: [public, class3]}   # training comment
  # retrieval comment
  task: summarise
exit: {exports: [{content: prompts, formats: [JSON]}, {content: logs, formats: [JSON]}], standard_apis: true}
"""


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"LANG": "C", "SOURCE_DATE_EPOCH": ""})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_migrate_rewrites_the_text_and_keeps_the_rest(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(OLD, encoding="utf-8")
    assert migrate_file(old) == NEW
    new = tmp_path / "new.yaml"
    new.write_text(NEW, encoding="utf-8")
    a, _ = api.load_declaration(old)
    b, _ = api.load_declaration(new)
    assert a.use_case is not None
    assert b.use_case is not None
    assert a.use_case.data == b.use_case.data
    assert a.exit is not None
    assert b.exit is not None
    assert (a.exit.exports, a.exit.export_contents) == (b.exit.exports, b.exit.export_contents)


def test_the_command_writes_stdout_or_a_file_and_refuses_its_input(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(OLD, encoding="utf-8")
    assert cli("migrate", str(old)) == (0, NEW, "")
    code, out, err = cli("migrate", str(old), "-o", str(old))
    assert (code, out) == (2, "")
    assert "is an input of this run" in err
    assert old.read_text(encoding="utf-8") == OLD
    assert cli("migrate", str(old), "-o", str(tmp_path / "new.yaml")) == (0, "", "")
    assert (tmp_path / "new.yaml").read_text(encoding="utf-8") == NEW
    assert cli("migrate", str(old), "-o", str(old), "--force")[0] == 0
    assert old.read_text(encoding="utf-8") == NEW


def test_check_says_whether_a_rewrite_is_needed(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(OLD, encoding="utf-8")
    assert cli("migrate", "--check", str(old)) == (
        1,
        "",
        f"{old}: would be rewritten to format 2.0\n",
    )
    new = tmp_path / "new.yaml"
    new.write_text(NEW, encoding="utf-8")
    assert cli("migrate", "--check", str(new)) == (
        0,
        "",
        f"{new}: is format 2.0 already; nothing to do\n",
    )
    assert cli("migrate", "--lang", "ja", str(new)) == (
        0,
        "",
        f"{new}: すでに形式 2.0 です。変更はありません\n",
    )


def test_bad_input_is_positioned_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('schema_version: "1.0"\nvendr: {name: X}\n', encoding="utf-8")
    code, out, err = cli("migrate", str(bad))
    assert (code, out) == (2, "")
    assert err == f"{bad}:2:1: unknown key 'vendr' in the top level; did you mean 'vendor'?\n"
    half = tmp_path / "half.yaml"
    half.write_text(
        'schema_version: "1.0"\nexit:\n  export_contents: [prompts]\n', encoding="utf-8"
    )
    code, _, err = cli("migrate", str(half))
    assert code == 2
    assert err.startswith(f"{half}:3:3: exit.export_formats and export_contents must be given")


def test_output_is_deterministic(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(OLD, encoding="utf-8")
    assert len({migrate_file(old) for _ in range(3)}) == 1
