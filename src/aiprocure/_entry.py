"""Console-script entry point. `aiprocure --version` answers without importing the CLI stack, and
so does `aiprocure --help` where the help typer would print is stored (``cli/root_help.py``).

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

import errno
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
    if sys.argv[1:] == ["--help"]:
        text = stored_help()
        if text is not None:
            sys.stdout.write(text)
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


# Kept in step with cli/root_help.py (RICH_ENVIRONMENT, WIDTHS), which writes the stored text;
# tests/cli/test_root_help.py checks both against typer.
_RICH_ENVIRONMENT = (
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


def stored_help() -> str | None:
    """``aiprocure --help`` as typer would print it here, if stored for this situation: standard
    output not a terminal and UTF-8, no variable that makes rich or typer print otherwise, no
    message catalogue for the locale, and a stored width. None: let typer print it."""
    environ = os.environ
    stdout = sys.stdout
    try:
        if (
            os.name != "posix"
            or any(name in environ for name in _RICH_ENVIRONMENT)
            or stdout.isatty()
            or not (stdout.encoding or "utf-8").lower().startswith("utf")
        ):
            return None
        width = _help_width()
        if _has_catalogue():
            return None
        stored = os.path.join(os.path.dirname(__file__), "cli", "root_help.txt")
        with open(stored, encoding="utf-8", newline="") as f:
            texts = f.read().split("\f")
    except (AttributeError, ValueError, OSError):
        return None
    head = f"{width}\n"
    return next((text[len(head) :] for text in texts if text.startswith(head)), None)


def _help_width() -> int:
    """The width rich gives typer's help: ``COLUMNS``, else the first terminal among standard
    input, output and error, else 80 (rich's ``Console.size``)."""
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns)  # a digit int() refuses raises ValueError: typer decides
    for fd in (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns or 80
        except OSError:
            continue
    return 80


def _has_catalogue() -> bool:
    """Whether gettext finds a catalogue for typer's and click's words in this locale."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            if value == "C":
                return False
            break
    else:
        return False
    import gettext

    return gettext.find("messages") is not None


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
        import traceback  # not imported by `--version` and `--help`

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
    try:  # noqa: SIM105 (contextlib is not imported for `--version` and `--help`)
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(code)
