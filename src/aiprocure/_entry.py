"""Console-script entry point. `aiprocure --version` answers without importing the CLI stack.

Start-up settings that only suit a one-shot command line live here, never in modules a library
user imports:

* the cyclic garbage collector is paused while the CLI stack is imported (some 300 modules and
  80 pydantic models: tens of thousands of long-lived objects that each collection would walk
  again), and what was built is then frozen, so the rest of the run never scans it: ~20 ms of a
  ~280 ms ``check``;
* pydantic's plugin discovery (a scan of every installed distribution's entry points) is skipped
  unless the environment says otherwise: a CLI whose output must be byte-identical has no use for
  third-party hooks into its validation. ``PYDANTIC_DISABLE_PLUGINS=`` (empty) lets them load.
"""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from aiprocure import __version__

        sys.stdout.write(f"aiprocure {__version__}\n")
        return
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    enabled = gc.isenabled()
    gc.disable()
    try:
        from aiprocure.cli import main as cli_main
    finally:
        gc.freeze()  # everything imported so far lives until exit
        if enabled:
            gc.enable()
    cli_main()
