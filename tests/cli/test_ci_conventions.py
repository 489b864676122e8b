"""The conventions users of Checkov, Trivy and Conftest expect (issue 14): directory scans,
exclusions, standard input, output targets, compact and quiet output, rule selection, display
filters, environment variables, colour, completion and usage errors in the run's language."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aiprocure.cli import app
from tests.conftest import REPO

EX = REPO / "examples"
runner = CliRunner()


def run(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> tuple[int, str, str]:
    result = runner.invoke(
        app,
        list(args),
        input=stdin,
        env={
            "LANG": "C",
            "SOURCE_DATE_EPOCH": "",
            "NO_COLOR": "",
            "FORCE_COLOR": "",
            **(env or {}),
        },
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_check_examples_folder_works() -> None:
    code, out, err = run("check", str(EX), "--no-config", "-q")
    assert code == 1  # the examples include failing declarations
    # every top-level example is a declaration; only the two designed to pass pass the gate
    passing = {"domestic-low-risk.yaml", "government-cloud-build.yaml"}
    total = len(list(EX.glob("*.yaml")))
    assert out == f"gate: FAIL ({total - len(passing)} of {total} files)\n"
    assert err == ""  # --quiet: notes about skipped files are left out too


def test_exclude_is_repeatable_and_read_from_the_config(tmp_path: Path) -> None:
    _, out, err = run(
        "check",
        str(EX),
        "--no-config",
        "--compact",
        "--exclude",
        "incomplete.yaml",
        "--exclude",
        "citizen-*",
    )
    assert "incomplete.yaml" not in out + err
    assert "citizen-facing" not in out
    total = len(list(EX.glob("*.yaml")))  # the two passing examples pass; the rest fail
    assert out.endswith(f"gate: FAIL ({total - 4} of {total - 2} files)\n")
    config = tmp_path / "aiprocure.yaml"
    config.write_text("defaults:\n  exclude: ['ci/*', 'overseas-*']\n", encoding="utf-8")
    _, out, _ = run("check", str(EX), "--config", str(config), "-q")
    assert out == f"gate: FAIL ({total - 3} of {total - 1} files)\n"


def test_stdin_is_a_declaration() -> None:
    text = (EX / "incomplete.yaml").read_text(encoding="utf-8")
    code, out, _ = run("check", "-", "--no-config", "--compact", stdin=text)
    assert code == 1
    assert out.splitlines()[0].startswith("-:")


def test_output_creates_folders_and_refuses_unknown_prefixes(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "deep" / "x.sarif"
    code, _, _ = run(
        "check", str(EX / "domestic-low-risk.yaml"), "--no-config", "-q", "-o", str(target)
    )
    assert code == 0
    json.loads(target.read_text(encoding="utf-8"))
    code, _, err = run("check", str(EX / "domestic-low-risk.yaml"), "-o", f"bogus:{tmp_path}/x.txt")
    assert code == 2
    assert "unknown format 'bogus'" in err
    code, _, err = run(
        "check", str(EX / "domestic-low-risk.yaml"), "-o", f"github:{tmp_path}/x.txt"
    )
    assert code == 2
    assert "standard output" in err
    code, _, err = run(
        "check",
        str(EX / "domestic-low-risk.yaml"),
        "-o",
        "bogus:x.txt",
        env={"LANG": "ja_JP.UTF-8"},
    )
    assert "形式 'bogus' は不明です" in err


def test_compact_and_show_severity() -> None:
    code, out, _ = run("check", str(EX / "incomplete.yaml"), "--no-config", "--compact")
    lines = out.splitlines()
    assert lines[-1] == "gate: FAIL (1 of 1 files)"
    assert all(line.startswith(f"{EX / 'incomplete.yaml'}:") for line in lines[:-1])
    code2, only_critical, _ = run(
        "check",
        str(EX / "incomplete.yaml"),
        "--no-config",
        "--compact",
        "--show-severity",
        "critical",
    )
    assert code2 == code  # a display filter: the gate is unchanged
    assert 0 < len(only_critical.splitlines()) < len(lines)
    assert all(" critical " in line for line in only_critical.splitlines()[:-1])
    # the full terminal report drops the findings below the filter too
    _, full, _ = run("check", str(EX / "incomplete.yaml"), "--no-config", "--lang", "en")
    _, shown, _ = run(
        "check",
        str(EX / "incomplete.yaml"),
        "--no-config",
        "--lang",
        "en",
        "--show-severity",
        "critical",
    )
    assert len(shown) < len(full)


def test_skip_and_only_rule(tmp_path: Path) -> None:
    decl = str(EX / "incomplete.yaml")
    _, out, _ = run("check", decl, "--no-config", "--compact", "--skip-rule", "DS920-FA-*")
    assert "DS920-FA-" not in out
    _, out, _ = run(
        "check",
        decl,
        "--no-config",
        "--compact",
        "--only-rule",
        "ds920-lock-001",
        "--no-fail-on-review",
    )
    rules = {
        line.split()[2] for line in out.splitlines()[:-1] if not line.split()[1].startswith("HR-")
    }
    assert rules <= {"DS920-LOCK-001"}
    code, _, err = run("check", decl, "--no-config", "--skip-rule", "NOPE-*")
    assert code == 2
    assert "'NOPE-*' matches no rule" in err
    config = tmp_path / "aiprocure.yaml"
    config.write_text("defaults:\n  skip_rules: ['DS920-FA-*']\n", encoding="utf-8")
    _, out, _ = run("check", decl, "--config", str(config), "--compact")
    assert "DS920-FA-" not in out


def test_environment_variables_set_common_options() -> None:
    decl = str(EX / "domestic-low-risk.yaml")
    _, out, _ = run("check", decl, "--no-config", "-q", env={"AIPROCURE_LANG": "ja"})
    assert out.startswith("ゲート: 合格")
    code, _, _ = run(
        "check",
        str(EX / "incomplete.yaml"),
        "--no-config",
        "-q",
        "--no-fail-on-review",
        env={"AIPROCURE_FAIL_ON": "never"},
    )
    assert code == 0


def test_color_follows_flags_and_environment() -> None:
    decl = str(EX / "domestic-low-risk.yaml")
    _, plain, _ = run("check", decl, "--no-config")
    assert "\x1b[" not in plain
    _, forced, _ = run("check", decl, "--no-config", env={"FORCE_COLOR": "1"})
    assert "\x1b[" in forced
    _, flag, _ = run("check", decl, "--no-config", "--color")
    assert "\x1b[" in flag
    _, off, _ = run("check", decl, "--no-config", "--no-color", env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in off


def test_markdown_on_stdout_fits_a_github_comment() -> None:
    examples = [str(p) for p in sorted(EX.glob("*.yaml"))]
    _, whole, _ = run(
        "check", *examples, "--no-config", "--lang", "en", "-f", "markdown", "--timestamp"
    )
    assert len(whole) <= 65_536
    assert "Details of" in whole
    assert "cut to fit GitHub's comment limit" in whole


def test_github_format_writes_the_step_summary(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("before\n", encoding="utf-8")
    code, out, _ = run(
        "check",
        str(EX / "incomplete.yaml"),
        "--no-config",
        "-f",
        "github",
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("before\n# ")
    assert out.startswith("::error ")


def test_github_annotations_are_limited_and_most_severe_first() -> None:
    _, out, _ = run(
        "check", str(EX / "incomplete.yaml"), "--no-config", "-f", "github", "--lang", "en"
    )
    commands = [line for line in out.splitlines() if line.startswith("::")]
    for kind in ("error", "warning", "notice"):
        assert sum(1 for c in commands if c.startswith(f"::{kind} ")) <= 10
    kinds = [c.split()[0] for c in commands]
    assert kinds == sorted(kinds, key=["::error", "::warning", "::notice"].index)
    assert out.splitlines()[-1].startswith("aiprocure: ")
    assert "not annotated" in out


def test_parse_errors_are_annotated_and_in_sarif(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: '1.0'\nvendor: [\n", encoding="utf-8")
    sarif_path = tmp_path / "out.sarif"
    code, out, _ = run(
        "check",
        str(bad),
        str(EX / "domestic-low-risk.yaml"),
        "--no-config",
        "-f",
        "github",
        "-o",
        str(sarif_path),
        "--base-dir",
        str(REPO),
    )
    assert code == 2
    assert out.startswith(f"::error file={bad},line=")
    run_ = json.loads(sarif_path.read_text(encoding="utf-8"))["runs"][0]
    assert run_["invocations"][0]["toolExecutionNotifications"]
    assert any(r["ruleId"] == "aiprocure-input" for r in run_["results"])


def _cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aiprocure", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "LANG": "C", "NO_COLOR": "", "FORCE_COLOR": "", **(env or {})},
        check=False,
    )


def test_sarif_uris_are_repository_relative_however_the_run_starts(tmp_path: Path) -> None:
    """Absolute paths, a subfolder run and ``check .`` give the same uris, relative to the git
    root and declared in originalUriBaseIds; the logs validate against the official schema."""
    import jsonschema

    schema = json.loads(
        (REPO / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
    )
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    decls = repo / "declarations"
    decls.mkdir()
    (decls / "a.yaml").write_bytes((EX / "incomplete.yaml").read_bytes())
    (decls / "bad.yaml").write_text("schema_version: '1.0'\nvendor: [\n", encoding="utf-8")
    runs = [
        (repo, [str(decls / "a.yaml"), str(decls / "bad.yaml")]),  # absolute
        (decls, ["a.yaml", "bad.yaml"]),  # from a subfolder
        (decls, ["."]),  # check .
    ]
    seen = []
    for cwd, paths in runs:
        out = tmp_path / "out.sarif"
        proc = _cli("check", *paths, "--no-config", "-q", "-o", str(out), cwd=cwd)
        assert proc.returncode == 2, proc.stderr
        doc = json.loads(out.read_text(encoding="utf-8"))
        jsonschema.Draft4Validator(schema).validate(doc)
        run_ = doc["runs"][0]
        assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.as_uri() + "/"
        locations = {
            (
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
            )
            for r in run_["results"]
        }
        assert locations == {
            ("declarations/a.yaml", "%SRCROOT%"),
            ("declarations/bad.yaml", "%SRCROOT%"),
        }
        seen.append(sorted(r["partialFingerprints"]["aiprocure/v1"] for r in run_["results"]))
    assert seen[0] == seen[1] == seen[2]


def test_version_short_flag_and_completion() -> None:
    proc = _cli("-V", cwd=REPO)
    assert proc.returncode == 0
    assert proc.stdout.startswith("aiprocure ")
    # typer detects the shell from the process tree: run it under bash, as a user would; and
    # without the variable typer's own test runner sets to switch detection off
    env = {k: v for k, v in os.environ.items() if not k.startswith("_TYPER_COMPLETE_TEST")}
    proc = subprocess.run(
        # '; true' keeps bash as the parent (a lone command would be exec'd in its place)
        ["bash", "-c", f'"{sys.executable}" -m aiprocure --show-completion; true'],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**env, "SHELL": "/bin/bash"},
        check=False,
    )
    assert "not supported" not in proc.stderr, proc.stderr
    assert "complete" in proc.stdout


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("C", "Error: No such option"), ("ja_JP.UTF-8", "エラー: そのようなオプションはありません")],
)
def test_usage_errors_in_the_runs_language(lang: str, expected: str) -> None:
    proc = _cli("check", "--bogus", "x", cwd=REPO, env={"LANG": lang})
    assert proc.returncode == 2
    assert expected in proc.stderr
    assert "Traceback" not in proc.stderr
