"""The one place that decides a run's language.

``--lang`` wins, then the configuration's ``defaults.lang``, then the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``, in that order; Japanese when it starts with ``ja``), else English.
The environment is passed in: nothing here reads ``os.environ`` unless a caller asks for it
(``default_lang()`` with no argument), and render never does.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from aiprocure.model.common import Lang

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def locale_lang(environ: Mapping[str, str]) -> Lang:
    """Japanese when the locale says so, else English."""
    for var in LOCALE_VARIABLES:
        value = environ.get(var)
        if value:
            return Lang.JA if value.lower().startswith("ja") else Lang.EN
    return Lang.EN


def decide_lang(explicit: Lang | None, configured: Lang | None, environ: Mapping[str, str]) -> Lang:
    """The run's language: ``explicit`` (``--lang``), else ``configured`` (the config file's
    ``defaults.lang``), else the locale's."""
    if explicit is not None:
        return explicit
    if configured is not None:
        return configured
    return locale_lang(environ)


def default_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """The locale's language (of ``os.environ`` when none is given): what a run without ``--lang``
    or a configured language uses."""
    return locale_lang(os.environ if environ is None else environ)
