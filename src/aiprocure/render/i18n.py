"""Looking up fixed phrases (``render.phrases``) in the run's language.

The language itself is decided before rendering (``aiprocure.language``): render never reads the
environment.
"""

from __future__ import annotations

from aiprocure.model.common import Lang
from aiprocure.render.phrases import PHRASES


def t(key: str, lang: Lang, **kwargs: object) -> str:
    ja, en = PHRASES[key]
    text = ja if lang is Lang.JA else en
    return text.format(**kwargs) if kwargs else text
