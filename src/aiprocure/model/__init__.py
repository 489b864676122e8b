"""Pure data: the declaration a vendor writes, the checklist format and its condition language,
the rule set, configuration, waivers and the report.

May import: the standard library and pydantic only (no other layer). No I/O.
See docs/architecture.md (layers); tests/unit/test_layers.py checks the imports.
"""
