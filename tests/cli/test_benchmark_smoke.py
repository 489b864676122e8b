"""The benchmark script runs (N=5, one repetition, no peer): a smoke test, with no timing asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # runs the benchmark script

ROOT = Path(__file__).resolve().parents[2]


def test_benchmark_runs_on_five_declarations() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench.py"),
            *("-n", "5", "-r", "1", "--no-peer", "--no-worst", "-j", "-1"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "5 declarations" in proc.stdout
    assert "x floor" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_generated_declarations_are_valid(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    from aiprocure import api

    for path in generate(12, tmp_path):
        api.load_declaration(path)  # raises InputError if the generator drifts from the schema
