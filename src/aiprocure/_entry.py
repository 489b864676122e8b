"""Console-script entry point. `aiprocure --version` answers without importing the CLI stack.

Start-up settings that only suit a one-shot command line live here, never in modules a library
user imports:

* the cyclic garbage collector is paused while the CLI stack is imported (some 300 modules and
  80 pydantic models: tens of thousands of long-lived objects that each collection would walk
  again), and what was built is then frozen, so the rest of the run never scans it: ~20 ms of a
  ~280 ms ``check``;
* pydantic's plugin discovery (a scan of every installed distribution's entry points) is skipped
  unless the environment says otherwise: a CLI whose output must be byte-identical has no use for
  third-party hooks into its validation. ``PYDANTIC_DISABLE_PLUGINS=`` (empty) lets them load;
* once the command has finished, the process leaves with ``os._exit`` after flushing its output,
  as mypy does: tearing down a batch's reports and 300 modules object by object took ~5 % of a
  1000-file ``check`` and serves no purpose (aiprocure registers no ``atexit`` work; files and the
  inventory database are closed by the commands themselves).
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys


def main() -> None:
    _leave(run())


def run() -> int:
    """The command line's work; returns the exit status (``main`` then leaves the process)."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from aiprocure import __version__

        sys.stdout.write(f"aiprocure {__version__}\n")
        return 0
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    enabled = gc.isenabled()
    gc.disable()
    try:
        from aiprocure.cli.app import main as cli_main
    finally:
        gc.freeze()  # everything imported so far lives until exit
        if enabled:
            gc.enable()
    try:
        cli_main()
    except SystemExit as exc:
        return _exit_status(exc.code)
    return 0


def _exit_status(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")  # what the interpreter does for sys.exit("message")
    return 1


def _leave(code: int) -> None:
    """Flush what the command wrote and end the process without tearing it down."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # `aiprocure check ... | head`: the reader has all it wanted
        code = code or 1
    except OSError:  # e.g. a full disk: the output is incomplete, so the run failed
        code = code or 2
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(code)
