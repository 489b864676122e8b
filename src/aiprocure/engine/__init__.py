"""Evaluation: the compiled rule set, conditions and predicates over declared facts, findings,
waivers applied before scoring, scores, the high-risk determination and review flags. No I/O.

May import: model, errors, the package version, and ``sources.yamlsrc`` for the positions type
(``Document``) only. See docs/architecture.md (layers).
"""
