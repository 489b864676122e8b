"""The rule catalogue: every loaded rule, parameter, list, high-risk viewpoint and jurisdiction as
Markdown, in Japanese or English.

``catalogue_markdown(ruleset, lang) -> str`` is pure and deterministic (no clock, no paths, no
files, sorted where the input order is not meaningful), so the generated ``docs/rules.md`` and
``docs/rules.ja.md`` can be checked in and tested for being current. Regenerating them (loading the
shipped checklists, writing the files) is the caller's: ``python -m aiprocure.render.catalogue``
runs ``__main__``, an entry point that nothing imports.
"""

from aiprocure.render.catalogue.document import catalogue_markdown

__all__ = ["catalogue_markdown"]
