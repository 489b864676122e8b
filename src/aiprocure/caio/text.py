"""Fixed phrases of the CAIO commands: ``caio.KEY`` in the one phrase catalogue
(``render.phrases``), else the report's ``KEY``."""

from __future__ import annotations

from aiprocure.model.common import Lang
from aiprocure.render.phrases import PHRASES


def tc(key: str, lang: Lang, **kwargs: object) -> str:
    ja, en = PHRASES.get(f"caio.{key}") or PHRASES[key]
    text = ja if lang is Lang.JA else en
    return text.format(**kwargs) if kwargs else text
