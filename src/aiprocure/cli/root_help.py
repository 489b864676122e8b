"""``aiprocure --help`` stored ahead: the console script prints it without importing typer, click
and rich (a fifth of a second) when it is byte for byte what typer would print.

Typer's help is rich's rendering of the command list, and rich decides its look from the
environment: colour and styles when standard output is a terminal (or ``FORCE_COLOR``,
``TTY_COMPATIBLE``, ``GITHUB_ACTIONS``...), the width from ``COLUMNS`` or the terminal of
standard input, output or error (80 without one), boxes from the output's encoding, and typer's
own words from a gettext catalogue for the locale. The stored text serves the situations where
none of that varies beyond what is stored: standard output not a terminal, UTF-8, no variable
that forces a terminal or a width, no message catalogue, and one of the ``WIDTHS`` (``_entry``
checks each condition; anything else goes to typer). A person at a terminal gets typer's own
coloured help.

``python -m aiprocure.cli.root_help`` regenerates ``root_help.txt`` from typer itself (a
subprocess per width, in a clean environment); ``tests/cli/test_root_help.py`` compares the fast
path with typer's output in the situations it serves and checks the stored text is current.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

STORED = Path(__file__).with_name("root_help.txt")
WIDTHS = (80, 100, 120)
SEPARATOR = "\f"  # a width's text begins with "\f<width>\n"; no help text contains a form feed

# What typer or rich read from the environment to change the help's bytes (besides COLUMNS, the
# locale and the output stream, which ``_entry`` checks itself): when any is set, typer prints.
RICH_ENVIRONMENT = (
    "TERMINAL_WIDTH",
    "_TYPER_FORCE_DISABLE_TERMINAL",
    "TYPER_USE_RICH",
    "GITHUB_ACTIONS",
    "FORCE_COLOR",
    "PY_COLORS",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
    "_AIPROCURE_COMPLETE",
)

_TYPER = "import sys; from aiprocure.cli.app import main; main()"


def typer_help(env: dict[str, str], args: tuple[str, ...] = ("--help",)) -> bytes:
    """What typer itself prints for ``aiprocure --help`` in ``env`` (no terminal anywhere)."""
    done = subprocess.run(
        [sys.executable, "-c", _TYPER, *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=True,
    )
    return done.stdout


def clean_environment(width: int) -> dict[str, str]:
    """The environment the stored text is generated in: only what finds Python and the width."""
    keep = ("PATH", "PYTHONPATH", "VIRTUAL_ENV", "HOME", "SYSTEMROOT")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    return {**env, "COLUMNS": str(width), "LANG": "C", "PYTHONIOENCODING": "utf-8"}


def stored_text() -> str:
    """Every width's text as stored in ``root_help.txt``."""
    return "".join(
        f"{SEPARATOR}{width}\n" + typer_help(clean_environment(width)).decode("utf-8")
        for width in WIDTHS
    )


def main() -> int:
    STORED.write_text(stored_text(), encoding="utf-8", newline="")
    sys.stdout.write(f"wrote {STORED} (widths {', '.join(map(str, WIDTHS))})\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
