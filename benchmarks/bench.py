"""Start-up and batch throughput of aiprocure, printed as ratios against baselines.

    .venv/bin/python benchmarks/bench.py            # 1000 declarations, 5 repetitions
    .venv/bin/python benchmarks/bench.py -n 5 -r 1  # smoke run

(a) start-up: ``aiprocure --version`` and ``aiprocure check FILE`` against ``python -c pass``
    (subprocesses, same interpreter, median of the repetitions);
(b) batch: ``aiprocure check DIR --format json`` in a subprocess against the floor (PyYAML's C loader
    alone, ``yaml.load(f, Loader=yaml.CSafeLoader)`` on every file, in one subprocess) and against a peer
    (``check-jsonschema`` with the JSON Schema from ``aiprocure schema``, one subprocess); and, as an
    extra line, ``check DIR --jobs N``. The headline ratio stays the single-job one: the floor is
    single-threaded.

Every batch number includes one interpreter start-up, as a CI job would pay it. Not part of the tests.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

PY = sys.executable
BIN = Path(PY).parent
ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

COUNTRIES = ["JP", "JP", "JP", "US", "SG", "DE", "GB", "CN", "NO", "FR", "IE", "KR"]
VENDORS = [
    "さくら",
    "Fuji",
    "Nihon",
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Tsuru",
    "Kaze",
]


def _examples() -> list[dict[str, Any]]:
    out = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        if isinstance(data, dict) and "schema_version" in data:
            out.append(data)
    return out


def generate(n: int, directory: Path, seed: int = 920) -> list[Path]:
    """``n`` realistic declarations: the shipped examples with vendors, countries and facts varied."""
    rng = random.Random(seed)
    bases = _examples()
    paths = []
    for i in range(n):
        data = json.loads(
            json.dumps(bases[i % len(bases)], default=str)
        )  # deep copy, dates as text
        vendor = data.setdefault("vendor", {})
        vendor["name"] = f"{rng.choice(VENDORS)} AI {i} 株式会社"
        vendor["country"] = rng.choice(COUNTRIES)
        vendor.pop("corporate_number", None)
        locations = data.get("data_locations")
        if isinstance(locations, dict):
            for key in ("storage", "processing", "backup", "logs"):
                if key in locations:
                    locations[key] = sorted(
                        {rng.choice(COUNTRIES) for _ in range(rng.randint(1, 3))}
                    )
        training = data.get("training_use")
        if isinstance(training, dict):
            training["customer_data"] = rng.choice(["never", "opt_in", "opt_out", "always"])
        retention = data.get("retention")
        if isinstance(retention, dict):
            retention["prompt_days"] = rng.randint(0, 400)
        if rng.random() < 0.2:
            data.pop(rng.choice([k for k in data if k != "schema_version"]), None)
        path = directory / f"decl-{i:05d}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


def timed(cmd: Sequence[str], reps: int, ok: Sequence[int] = (0,)) -> float:
    """Median wall time of ``reps`` runs of ``cmd`` (one warm-up run first)."""
    times = []
    for i in range(reps + 1):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        elapsed = time.perf_counter() - start
        if proc.returncode not in ok:
            raise SystemExit(
                f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode()[-2000:]}"
            )
        if i:
            times.append(elapsed)
    return statistics.median(times)


FLOOR = """
import sys, yaml
for name in sys.argv[1:]:
    with open(name, "rb") as f:
        yaml.load(f, Loader=yaml.CSafeLoader)
"""


def in_process(files: Sequence[Path]) -> tuple[float, float]:
    """Seconds to assess every file with the api (checklists loaded once), and to C-load them."""
    from aiprocure import api

    ruleset = api.load_checklists()
    start = time.perf_counter()
    for path in files:
        with contextlib.suppress(api.InputError):
            api.assess_file(path, ruleset)
    assessed = time.perf_counter() - start
    start = time.perf_counter()
    for path in files:
        with path.open("rb") as f:
            yaml.load(f, Loader=yaml.CSafeLoader)
    return assessed, time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "-n", type=int, default=1000, help="declarations to generate (default 1000)"
    )
    parser.add_argument(
        "-r", "--reps", type=int, default=5, help="repetitions per measurement (median)"
    )
    parser.add_argument("--no-peer", action="store_true", help="skip check-jsonschema")
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=0,
        help="also time `check DIR --jobs N` (default 0: one per CPU; -1 skips it)",
    )
    args = parser.parse_args(argv)
    aiprocure = str(BIN / "aiprocure") if (BIN / "aiprocure").exists() else None
    base = [aiprocure] if aiprocure else [PY, "-m", "aiprocure"]
    with tempfile.TemporaryDirectory(prefix="aiprocure-bench-") as tmp:
        tmpdir = Path(tmp)
        decls = tmpdir / "decls"
        decls.mkdir()
        files = generate(args.n, decls)
        print(
            f"{len(files)} declarations in {decls} ({sum(f.stat().st_size for f in files) // 1024} KiB)"
        )

        bare = timed([PY, "-c", "pass"], args.reps)
        version = timed([*base, "--version"], args.reps)
        one = timed([*base, "check", str(files[0]), "--format", "json"], args.reps, ok=(0, 1))
        print("\n(a) start-up, median of", args.reps)
        print(f"  python -c pass            {bare * 1000:8.1f} ms")
        print(
            f"  aiprocure --version       {version * 1000:8.1f} ms   {version / bare:5.2f}x bare python (target < 3x)"
        )
        print(f"  aiprocure check ONE.yaml  {one * 1000:8.1f} ms   {one / bare:5.2f}x bare python")

        names = [str(f) for f in files]
        floor = timed([PY, "-c", FLOOR, *names], args.reps)
        batch = timed(
            [
                *base,
                "check",
                str(decls),
                "--format",
                "json",
                "--fail-on",
                "never",
                "--no-fail-on-review",
            ],
            args.reps,
        )
        print(f"\n(b) batch of {len(files)}, one subprocess each, median of {args.reps}")
        print(
            f"  PyYAML CSafeLoader only   {floor:8.3f} s    {len(files) / floor:8.0f} files/s  (floor)"
        )
        print(
            f"  aiprocure check DIR json  {batch:8.3f} s    {len(files) / batch:8.0f} files/s  "
            f"{batch / floor:5.2f}x floor (target < 3x)"
        )
        if args.jobs >= 0:
            # Not the headline: the floor is single-threaded, so the ratio above is single-job too.
            par = timed(
                [
                    *base,
                    "check",
                    str(decls),
                    "--format",
                    "json",
                    "--fail-on",
                    "never",
                    "--no-fail-on-review",
                    "--jobs",
                    str(args.jobs),
                ],
                args.reps,
            )
            cpus = (
                len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
            )
            label = f"... --jobs {args.jobs} ({cpus} CPUs)"
            print(
                f"  {label:<25} {par:8.3f} s    {len(files) / par:8.0f} files/s  "
                f"{par / floor:5.2f}x the single-threaded floor, {batch / par:4.2f}x faster than one job"
            )
        api_s, floor_s = in_process(files)
        print(
            f"  in-process: api.assess_file {api_s * 1000 / len(files):6.2f} ms/file, "
            f"CSafeLoader {floor_s * 1000 / len(files):6.2f} ms/file, {api_s / floor_s:5.2f}x floor (no rendering)"
        )
        peer_exe = BIN / "check-jsonschema"
        if not args.no_peer and (peer_exe.exists() or shutil.which("check-jsonschema")):
            schema = tmpdir / "declaration.schema.json"
            schema.write_bytes(
                subprocess.run([*base, "schema"], capture_output=True, check=True).stdout
            )
            exe = str(peer_exe) if peer_exe.exists() else "check-jsonschema"
            peer = timed([exe, "--schemafile", str(schema), *names], args.reps, ok=(0, 1))
            print(
                f"  check-jsonschema          {peer:8.3f} s    {len(files) / peer:8.0f} files/s  "
                f"aiprocure is {peer / batch:5.2f}x faster (target > 1x)"
            )
        else:
            print("  check-jsonschema          not installed (pip install -e '.[dev]'); skipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
