"""SHA-256 of every format's output over the examples and a generated batch: run it before and
after a change (same inputs, same date) and compare; any difference is a changed output.

    .venv/bin/python benchmarks/hashes.py > after.txt
    PYTHONPATH=/path/to/old/src .venv/bin/python benchmarks/hashes.py > before.txt
    diff before.txt after.txt

The terminal format of a batch is left out with ``--no-batch-terminal`` (issue 16 changed it on
purpose: a summary table first); one declaration's terminal report is always compared.

Every path a report can show is the same in every run, whichever checkout runs it: the examples
are named relative to the repository (run from its root), and the generated batch is written to
one fixed folder (``aiprocure-hashes`` in the temporary directory, emptied first) and named
relative to it, since SARIF records the working directory as ``%SRCROOT%``. So two hashes.py runs
must not overlap.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import EXAMPLES, FORMATS, generate

PY = sys.executable
TODAY = "2026-03-01"


def digest(args: list[str], cwd: str | None = None) -> str:
    env = {**os.environ, "NO_COLOR": "1", "LANG": "C", "SOURCE_DATE_EPOCH": ""}
    proc = subprocess.run(
        [PY, "-m", "aiprocure", "check", *args, "--today", TODAY, "--width", "100"],
        capture_output=True,
        env=env,
        check=False,
        cwd=cwd,
    )
    return f"{hashlib.sha256(proc.stdout).hexdigest()} exit {proc.returncode}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-n", type=int, default=1000, help="generated declarations (default 1000)")
    parser.add_argument("--no-batch-terminal", action="store_true")
    args = parser.parse_args()
    root = EXAMPLES.parent
    examples = sorted(p.relative_to(root).as_posix() for p in EXAMPLES.glob("*.yaml"))
    config = ["--config", (EXAMPLES / "caio" / "ministry-config.yaml").relative_to(root).as_posix()]
    fixed = Path(tempfile.gettempdir()) / "aiprocure-hashes"
    shutil.rmtree(fixed, ignore_errors=True)
    fixed.mkdir()
    try:
        run(args, root, examples, config, str(fixed))
    finally:
        shutil.rmtree(fixed, ignore_errors=True)
    return 0


def run(
    args: argparse.Namespace, root: Path, examples: list[str], config: list[str], tmp: str
) -> None:
    """Print one hash line per case, format and language (see the module's docstring)."""
    # The batch is named by a relative path from inside the fixed folder, its working directory.
    (Path(tmp) / "generated").mkdir()
    generate(args.n, Path(tmp) / "generated")
    cases = {
        "examples": [*examples, "--no-config"],
        "examples+config+waivers": [*examples, *config],
        f"generated {args.n}": ["generated", "--no-config"],
    }
    for name, case in cases.items():
        for fmt in FORMATS:
            if fmt == "terminal" and args.no_batch_terminal:
                continue
            for lang in ("en", "ja"):
                cwd = tmp if name.startswith("generated") else str(root)
                got = digest([*case, "-f", fmt, "--lang", lang], cwd)
                print(f"{name:<26} {fmt:<9} {lang} {got}")
    for path in examples:  # one declaration: every format, the terminal's full report too
        for fmt in FORMATS:
            print(
                f"{Path(path).name:<40} {fmt:<9} "
                f"{digest([path, '--no-config', '-f', fmt], str(root))}"
            )


if __name__ == "__main__":
    raise SystemExit(main())
