"""Reading untrusted files: safe YAML with positions and limits, loading and validating into the
models (bilingual messages), and the checklist cross-checks.

May import: model, errors (and PyYAML, pydantic); never engine. Owns the positions type
(``yamlsrc.Document``) the engine reads. See docs/architecture.md (layers).
"""
