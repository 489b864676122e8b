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
import errno
import gc
import os
import sys
import traceback


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
        if type(sys.stdout).__name__ == "PacifyFlushWrapper":  # click's sign of EPIPE (exit 1)
            return EXIT_BROKEN_PIPE
        return _exit_status(exc.code)
    except BrokenPipeError:  # `aiprocure check ... | head -1`: the output is cut short
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        if exc.errno in _OUTPUT_ERRNOS:  # stdout on a full disk, `> /dev/full`
            sys.stderr.write(f"aiprocure: error: cannot write the output: {exc.strerror}\n")
            return 2
        return _internal_error(exc)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the one place every unexpected error ends
        return _internal_error(exc)
    return 0


# Exit status when standard output is closed early: 128 + SIGPIPE, as a shell reports a process
# that a pipe's reader killed, so `set -o pipefail` sees a failure that is neither findings (1) nor
# bad input (2): the report was cut short.
EXIT_BROKEN_PIPE = 141
# Exit status of an internal error (a bug): CI can tell it from findings (1) and bad input (2).
EXIT_INTERNAL = 3
# Errors writing the output that are the machine's, not a bug: exit 2 with a one-line message.
_OUTPUT_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF, errno.EROFS}
)


def _internal_error(exc: BaseException) -> int:
    """One line on stderr (the traceback too with ``--debug``), exit 3."""
    from aiprocure.cli.app import debug_enabled

    if debug_enabled():
        traceback.print_exception(exc, file=sys.stderr)
    from aiprocure.render.safe import clean

    message = clean(" ".join(str(exc).split()))
    sys.stderr.write(
        f"aiprocure: internal error: {type(exc).__name__}: {message} "
        "(run with --debug for the traceback)\n"
    )
    return EXIT_INTERNAL


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
    except BrokenPipeError:  # `aiprocure check ... | head`: the report was cut short
        code = code or EXIT_BROKEN_PIPE
    except OSError:  # e.g. a full disk: the output is incomplete, so the run failed
        code = code or 2
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(code)
