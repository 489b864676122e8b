"""Evaluation: conditions over declared facts, findings, scores and review flags. No I/O.

One interface: ``compile_ruleset(ruleset) -> CompiledRuleset`` once per rule set, then
``assess(compiled, declaration, ..., waivers=, today=) -> Report`` per declaration.

Modules, each with one job:

* ``compiled``: the compiled rule set, owner of every plan;
* ``compiler``, ``leaves`` and ``context``: conditions into closures (read with the model's walker,
  ``model.conditions.fold``), field paths into readers (parsed and resolved by ``model.fields``);
* ``predicates``: the named predicates' implementations (signatures: ``model.predicates``);
* ``findings``: rule plans run into findings, in a report's order;
* ``high_risk``: the high-risk determination sheet;
* ``waivers``: waivers applied to findings before scoring;
* ``scores``: category scores, risk levels and review flags;
* ``assess``: all of the above into one report.

May import: model, errors, the package version, and ``sources.yamlsrc`` for the positions type
(``Document``) only. See docs/architecture.md (layers).
"""

from aiprocure.engine.assess import assess
from aiprocure.engine.compiled import CompiledRuleset, compile_ruleset
from aiprocure.engine.waivers import LoadedWaiver, WaiverSet

__all__ = ["CompiledRuleset", "LoadedWaiver", "WaiverSet", "assess", "compile_ruleset"]
