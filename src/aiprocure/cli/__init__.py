"""Command line: thin commands that turn options into an ``api`` call, a sink and an exit code.

``app`` registers every command; ``options`` holds what they share (option types, the one path to
a session, problems and usage errors); ``check``, ``rules``, ``caio`` and ``inventory`` hold the
commands. ``cli`` imports ``api`` and the layers below it; nothing imports ``cli``.
"""

from __future__ import annotations

from aiprocure.cli.app import app, main

__all__ = ["app", "main"]
