"""The GitHub Action (action.yml) and the CI examples: they install aiprocure from this
repository, and the action's script part runs here as it would on a runner."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "action-run.sh"
EX = REPO / "examples"


def _outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines())


def _run(tmp_path: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    out = tmp_path / "github_output"
    out.write_text("", encoding="utf-8")
    env = {
        **os.environ,
        "AIPROCURE": str(Path(sys.executable).parent / "aiprocure"),
        "GITHUB_OUTPUT": str(out),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "LANG": "C",
        **{f"INPUT_{k.upper()}": v for k, v in inputs.items()},
    }
    bash = shutil.which("bash")
    assert bash is not None, "bash is needed to run the action's script"
    proc = subprocess.run(
        [bash, str(SCRIPT)], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    return proc, _outputs(out)


def test_action_script_records_the_gate_and_writes_the_sarif(tmp_path: Path) -> None:
    decls = tmp_path / "declarations"
    decls.mkdir()
    shutil.copy(EX / "incomplete.yaml", decls / "a.yaml")
    proc, outputs = _run(
        tmp_path,
        paths="declarations/",
        fail_on="high",
        lang="en",
        sarif_file="reports/aiprocure.sarif",
        category="gate-a",
        outputs="aiprocure.md",
        args="--no-config",
    )
    assert proc.returncode == 0, proc.stderr  # the script never fails: the action's last step does
    assert outputs == {"exit-code": "1", "sarif-file": "reports/aiprocure.sarif"}
    assert proc.stdout.startswith("::error ")
    sarif = json.loads((tmp_path / "reports" / "aiprocure.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["automationDetails"] == {"id": "gate-a/"}
    assert (tmp_path / "aiprocure.md").is_file()
    assert (tmp_path / "summary.md").read_text(encoding="utf-8").startswith("# ")


def test_action_script_passes_and_reports_usage_errors(tmp_path: Path) -> None:
    shutil.copy(EX / "domestic-low-risk.yaml", tmp_path / "d.yaml")
    proc, outputs = _run(tmp_path, paths="d.yaml", sarif_file="x.sarif", args="--no-config")
    assert outputs == {"exit-code": "0", "sarif-file": "x.sarif"}
    proc, outputs = _run(tmp_path, paths="d.yaml", sarif_file="y.sarif", fail_on="bogus")
    assert outputs == {"exit-code": "2", "sarif-file": ""}  # nothing written: nothing to upload
    assert proc.returncode == 0


def test_action_yml_is_a_composite_action_wired_to_its_script() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    text = (REPO / "action.yml").read_text(encoding="utf-8")
    assert any(s.get("uses", "").startswith("actions/setup-python@") for s in steps)
    install = next(s for s in steps if "pip install" in s.get("run", ""))
    assert '"$GITHUB_ACTION_PATH"' in install["run"]  # this repository, at the action's ref
    assert "scripts/action-run.sh" in text
    # every input is passed on, and the outputs come from the check step
    for name in action["inputs"]:
        assert "inputs." + name in text, name
    for out in action["outputs"].values():
        assert out["value"].startswith("${{ steps.check.outputs.")
    for s in steps:
        if "run" in s:
            assert s["shell"] == "bash"


def test_ci_examples_install_from_the_repository() -> None:
    for path in [*(EX / "ci").glob("*.yml"), REPO / ".pre-commit-hooks.yaml"]:
        text = path.read_text(encoding="utf-8")
        yaml.safe_load(text)
        assert not re.search(r"pip install ['\"]?aiprocure\b", text), path
        assert "REPLACE" in text, path  # what to change is said plainly
    github = (EX / "ci" / "github-actions.yml").read_text(encoding="utf-8")
    assert "uses: <owner>/aiprocure@v0.1.0" in github
    gitlab = (EX / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8")
    assert "/archive/refs/tags/${AIPROCURE_REF}.tar.gz" in gitlab
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert "--compact" in hooks[0]["entry"]


def test_skips_fail_under_ci(tmp_path: Path) -> None:
    """tests/conftest.py: under CI=true a test that skips is reported as failed."""
    test = tmp_path / "test_skip.py"
    test.write_text(
        "import pytest\n\ndef test_x():\n    pytest.skip('no tool')\n", encoding="utf-8"
    )
    conftest = tmp_path / "conftest.py"
    conftest.write_text(
        (REPO / "tests" / "conftest.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    shutil.copytree(REPO / "tests" / "golden", tmp_path / "tests" / "golden", dirs_exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)]
    ci = subprocess.run(
        args, cwd=tmp_path, env={**env, "CI": "true"}, capture_output=True, text=True, check=False
    )
    assert ci.returncode == 1, ci.stdout
    assert "a test that cannot run fails" in ci.stdout
    env.pop("CI", None)
    local = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert local.returncode == 0, local.stdout
    assert "1 skipped" in local.stdout
