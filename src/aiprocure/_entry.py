"""Console-script entry point. `aiprocure --version` answers without importing the CLI stack."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from aiprocure import __version__

        sys.stdout.write(f"aiprocure {__version__}\n")
        return
    from aiprocure.cli import main as cli_main

    cli_main()
