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
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Run:
    """One command's median wall time, median CPU time (user + system of the child: steadier than
    wall time on a shared machine) and largest peak RSS over the repetitions."""

    wall: float
    cpu: float
    rss_mb: float
    status: int = 0


def run_once(cmd: Sequence[str], ok: Sequence[int] = (0,), stdout: Any = None) -> Run:
    """Run ``cmd``; its own resource usage through ``os.wait4`` (not the sum of all children)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=stdout or subprocess.DEVNULL, stderr=subprocess.PIPE, env=_ENV
    )
    assert proc.stderr is not None
    err = proc.stderr.read()  # drained while it runs (a full pipe would block the child)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd)[:300]} exited {proc.returncode}: {err.decode()[-2000:]}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


def timed(cmd: Sequence[str], reps: int, ok: Sequence[int] = (0,)) -> Run:
    """Medians of ``reps`` runs of ``cmd`` (after one warm-up run when ``reps`` > 1)."""
    runs = [run_once(cmd, ok) for _ in range(reps + (reps > 1))][reps > 1 :]
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.rss_mb for r in runs),
    )


# The children run as a CI job would: no colour, English, a fixed width, and with the byte code
# an installed package has (PYTHONDONTWRITEBYTECODE would make every run compile every module).
_ENV = {**os.environ, "NO_COLOR": "1", "LANG": "C", "COLUMNS": "100"}
_ENV.pop("PYTHONDONTWRITEBYTECODE", None)


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


FORMATS = ("json", "junit", "html", "sarif", "markdown", "github", "terminal")
# every format the CI way: no gate failure, so the terminal's batch view details nothing
NO_GATE = ("--fail-on", "never", "--no-fail-on-review")
IMPORTS = "import pydantic, typer, rich, yaml"


def _line(label: str, r: Run, floor: Run | None = None, note: str = "") -> str:
    text = f"  {label:<40} {r.wall:8.3f} s  cpu {r.cpu:7.3f} s  {r.rss_mb:6.0f} MB"
    if floor is not None:
        text += f"  {r.cpu / floor.cpu:5.2f}x floor (cpu), {r.wall / floor.wall:5.2f}x (wall)"
    return text + (f"  {note}" if note else "")


def _format_cmd(base: list[str], fmt: str, target: Path, *extra: str) -> list[str]:
    return [*base, "check", str(target), "--format", fmt, *NO_GATE, *extra]


def amplified(n: int) -> str:
    """The largest accepted declaration (tests/unit/test_limits.py ``_amplified``): ``n`` evidence
    items and ``n`` certifications aliasing one 500-character text, ``2 * n * 500`` characters once
    expanded (n = 1000: the 1,048,576-character limit of docs/limits.md, nearly)."""
    lines = ['schema_version: "1.0"', "vendor:", "  name: Acme", "  evidence:"]
    if n:
        lines.append('    - document: &d "' + "x" * 500 + '"')
        lines += ["    - document: *d"] * (n - 1)
        lines += ["security:", "  certifications:"] + ["    - *d"] * n
    return "\n".join(lines) + "\n"


def startup(base: list[str], one: Path, reps: int) -> None:
    bare = timed([PY, "-c", "pass"], reps)
    imports = timed([PY, "-c", IMPORTS], reps)
    print(f"\n(a) start-up, median of {reps}")
    print(_line("python -c pass", bare))
    print(_line(f'python -c "{IMPORTS}"', imports, note=f"{imports.wall / bare.wall:5.2f}x bare"))
    for label, cmd, floor, target in (
        ("aiprocure --version", [*base, "--version"], bare, "< 2x bare python"),
        ("aiprocure --help", [*base, "--help"], bare, "< 2x bare python"),
        ("aiprocure check ONE.yaml", [*base, "check", str(one)], imports, "< 1.5x the imports"),
        ("check ONE.yaml --format json", [*base, "check", str(one), "-f", "json"], imports, ""),
    ):
        r = timed(cmd, reps, ok=(0, 1))
        which = "bare" if floor is bare else "imports"
        print(
            _line(label, r)
            + f"  {r.wall / floor.wall:5.2f}x {which} (wall), {r.cpu / floor.cpu:5.2f}x (cpu)"
            + (f"  target {target}" if target else "")
        )


def batch(base: list[str], decls: Path, files: list[Path], args: argparse.Namespace) -> Run:
    names = [str(f) for f in files]
    floor = timed([PY, "-c", FLOOR, *names], args.reps)
    print(f"\n(b) batch of {len(files)}, one subprocess each, median of {args.reps}")
    print(_line("PyYAML CSafeLoader only (floor)", floor))
    for fmt in FORMATS:
        extra = ("--details", "none") if fmt == "terminal" and not args.legacy else ()
        print(
            _line(
                f"check DIR -f {fmt}",
                timed(_format_cmd(base, fmt, decls, *extra), args.reps),
                floor,
            )
        )
    default = timed([*base, "check", str(decls)], args.reps, ok=(0, 1))
    print(_line("check DIR (the default: terminal)", default, floor, "target < 3x"))
    details = () if args.legacy else ("--details", "all")
    full = timed(_format_cmd(base, "terminal", decls, *details), max(1, args.reps // 2))
    print(_line("check DIR --details all", full, floor, "every full terminal report"))
    if args.jobs >= 0:
        # Not the headline: the floor is single-threaded, so the ratios above are single-job too.
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        for fmt in ("json", "sarif"):
            one = timed(_format_cmd(base, fmt, decls), args.reps)
            par = timed(_format_cmd(base, fmt, decls, "--jobs", str(args.jobs)), args.reps)
            print(
                _line(f"-f {fmt} --jobs {args.jobs} ({cpus} CPUs)", par)
                + f"  {one.wall / par.wall:4.2f}x faster than one job (wall)"
            )
    api_s, floor_s = in_process(files)
    print(
        f"  in-process: api.assess_file {api_s * 1000 / len(files):6.2f} ms/file, "
        f"CSafeLoader {floor_s * 1000 / len(files):6.2f} ms/file, {api_s / floor_s:5.2f}x floor (no rendering)"
    )
    return floor


def memory(
    base: list[str], tmpdir: Path, small: int, large: int, legacy: bool, formats: Sequence[str]
) -> None:
    """Peak RSS of every format for ``large`` declarations against ``small`` (one run each).

    Besides the ratio, the growth per declaration (KB): the bound of a format that must hold the
    whole batch. A run the tool refuses (exit 2: SARIF over GitHub's limits) is printed as such.
    """
    dirs = {}
    for n in (small, large):
        dirs[n] = tmpdir / f"mem{n}"
        dirs[n].mkdir()
        generate(n, dirs[n])
    print(f"\n(c) peak RSS, {large} declarations against {small} (one run each)")
    floor = [
        run_once([PY, "-c", FLOOR, *map(str, sorted(dirs[n].iterdir()))]) for n in (small, large)
    ]
    print(f"  {'floor (CSafeLoader)':<34} {floor[0].rss_mb:6.0f} MB -> {floor[1].rss_mb:6.0f} MB")
    cases = [(f, ("--details", "none") if f == "terminal" and not legacy else ()) for f in formats]
    if "terminal" in formats and not legacy:
        cases.append(("terminal", ("--details", "all")))
    for fmt, extra in cases:
        label = "check DIR -f " + fmt + (" --details " + extra[1] if extra else "")
        a, b = (run_once(_format_cmd(base, fmt, dirs[n], *extra), (0, 2)) for n in (small, large))
        if b.status == 2:
            print(f"  {label:<40} {a.rss_mb:6.0f} MB -> refused (exit 2: over the format's limits)")
            continue
        growth = (b.rss_mb - a.rss_mb) * 1024 / (large - small)
        print(
            f"  {label:<40} {a.rss_mb:6.0f} MB -> {b.rss_mb:6.0f} MB  "
            f"{b.rss_mb / a.rss_mb:5.2f}x  {growth:6.1f} KB/declaration  "
            f"({b.wall:6.1f} s, cpu {b.cpu:6.1f} s)"
        )


def worst(base: list[str], tmpdir: Path) -> None:
    """Every format on the largest accepted declaration: time, memory, output per expanded char."""
    path = tmpdir / "worst.yaml"
    path.write_text(amplified(1000), encoding="utf-8")
    expanded = 2 * 1000 * 500
    small = tmpdir / "small.yaml"
    small.write_text(amplified(0), encoding="utf-8")
    print(
        f"\n(d) the largest accepted declaration ({path.stat().st_size} bytes, {expanded} characters expanded)"
    )
    for fmt in FORMATS:
        sizes = []
        for target in (small, path):
            out = tmpdir / f"worst.{fmt}"
            with out.open("wb") as fh:
                r = run_once(
                    [*base, "check", str(target), "--format", fmt, "--no-config"], (0, 1), fh
                )
            sizes.append(out.stat().st_size)
        grown = sizes[1] - sizes[0]
        print(
            _line(f"check WORST -f {fmt}", r)
            + f"  output {sizes[1] / 1e6:5.2f} MB, +{grown / expanded:4.2f} bytes per expanded char"
        )


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
    parser.add_argument(
        "--memory",
        type=int,
        default=0,
        metavar="N",
        help="also compare peak RSS for N declarations against N/100 (e.g. 10000; slow)",
    )
    parser.add_argument(
        "--legacy", action="store_true", help="a version without --details (before issue 16)"
    )
    parser.add_argument(
        "--formats",
        type=lambda text: text.split(","),
        default=list(FORMATS),
        help="formats of the memory comparison, comma-separated (default: all)",
    )
    parser.add_argument("--no-worst", action="store_true", help="skip the largest accepted input")
    parser.add_argument(
        "--only", choices=("startup", "batch", "memory", "worst"), help="run one section only"
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
        if args.only in (None, "startup"):
            startup(base, files[0], args.reps)
        if args.only in (None, "batch"):
            floor = batch(base, decls, files, args)
            peer(base, tmpdir, files, floor, args)
        if args.memory and args.only in (None, "memory"):
            memory(base, tmpdir, max(1, args.memory // 100), args.memory, args.legacy, args.formats)
        if not args.no_worst and args.only in (None, "worst"):
            worst(base, tmpdir)
    return 0


def peer(
    base: list[str], tmpdir: Path, files: list[Path], floor: Run, args: argparse.Namespace
) -> None:
    peer_exe = BIN / "check-jsonschema"
    if args.no_peer or not (peer_exe.exists() or shutil.which("check-jsonschema")):
        print(
            "  check-jsonschema                   skipped (--no-peer, or pip install -e '.[dev]')"
        )
        return
    schema = tmpdir / "declaration.schema.json"
    schema.write_bytes(subprocess.run([*base, "schema"], capture_output=True, check=True).stdout)
    exe = str(peer_exe) if peer_exe.exists() else "check-jsonschema"
    r = timed([exe, "--schemafile", str(schema), *map(str, files)], args.reps, ok=(0, 1))
    print(_line("check-jsonschema (peer)", r, floor))


if __name__ == "__main__":
    raise SystemExit(main())
