"""``check --jobs N``: a process pool for large batches, with output identical to ``--jobs 1``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aiprocure.api import batch

pytestmark = pytest.mark.slow  # worker processes

ROOT = Path(__file__).resolve().parents[2]
EX = ROOT / "examples"
COPIES = 18  # 4 examples x 18 + 1 bad file = 73 files: enough for a pool of two workers


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("jobs")
    for i in range(COPIES):
        for example in sorted(EX.glob("*.yaml")):
            shutil.copy(example, root / f"{i:02d}-{example.name}")
    shutil.copy(ROOT / "tests" / "bad" / "duplicate-list-item.yaml", root / "05-zz-bad.yaml")
    return root


def _check(*args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "LANG": "C", "SOURCE_DATE_EPOCH": "", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "aiprocure", "check", *args],
        capture_output=True,
        env=env,
        check=False,
    )


def test_the_batch_is_big_enough_for_a_pool(batch_dir: Path) -> None:
    files = len(list(batch_dir.glob("*.yaml")))
    assert batch.effective_jobs(2, files) == 2
    assert batch.effective_jobs(1, files) == 1
    assert batch.effective_jobs(2, 2 * 2 * batch.CHUNK) == 1  # too few files to pay


@pytest.mark.parametrize("fmt", ["json", "terminal"])
def test_jobs_2_writes_the_same_bytes_as_jobs_1(batch_dir: Path, fmt: str) -> None:
    common = [str(batch_dir), str(EX / "domestic-low-risk.yaml"), "--format", fmt, "--width", "100"]
    one = _check(*common, "--jobs", "1")
    two = _check(*common, "--jobs", "2")
    assert one.returncode == 2  # the bad file
    assert b"duplicate" in one.stderr
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert one.stdout


def test_jobs_with_waivers_and_config(batch_dir: Path) -> None:
    common = [str(batch_dir), "--format", "json", "--today", "2026-03-01"]
    common += ["--config", str(EX / "caio" / "ministry-config.yaml")]
    one = _check(*common, "-j", "1")
    every = _check(*common, "-j", "0")
    assert (every.returncode, every.stdout, every.stderr) == (
        one.returncode,
        one.stdout,
        one.stderr,
    )


def test_negative_jobs_is_a_usage_error() -> None:
    result = _check(str(EX / "domestic-low-risk.yaml"), "--jobs", "-1")
    assert result.returncode == 2


@pytest.mark.parametrize(
    "gate", [(), ("--fail-on", "never"), ("--fail-on", "never", "--no-fail-on-review")]
)
def test_workers_rendering_json_keep_the_gate(tmp_path: Path, gate: tuple[str, ...]) -> None:
    # with --format json the workers send rendered lines and each report's gate status
    for i in range(COPIES):
        for example in sorted(EX.glob("*.yaml")):
            shutil.copy(example, tmp_path / f"{i:02d}-{example.name}")
    common = [str(tmp_path), "--format", "json", *gate]
    one = _check(*common, "--jobs", "1")
    two = _check(*common, "--jobs", "2")
    assert one.returncode == (0 if "--no-fail-on-review" in gate else 1)
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
