"""What a custom pack changes of the shipped definitions, for ``lint-checklist``.

A pack may legitimately redefine a named list, a parameter or a jurisdiction, but a change can also
quietly switch rules off: ``compelled_access_countries: []`` makes DS920-FA-001/002/003 pass for
every declaration. ``lint-checklist`` reports every such change, at its position, as a problem that
makes it fail unless ``--allow-override`` says the change is intended.
"""

from __future__ import annotations

from collections.abc import Sequence

from aiprocure.errors import Problem
from aiprocure.model.checklist import Checklist
from aiprocure.model.ruleset import COMPELLED_ACCESS_LIST
from aiprocure.sources.yamlsrc import Document, PathKey

Pack = tuple[Checklist, Document]


def _shown(values: frozenset[object]) -> str:
    items = sorted(map(str, values))
    return "[" + ", ".join(items[:8]) + (", ..." if len(items) > 8 else "") + "]"


def shipped_overrides(shipped: Sequence[Pack], packs: Sequence[Pack]) -> list[Problem]:
    """One problem per named list, parameter or jurisdiction of ``packs`` that changes a shipped
    definition."""
    lists: dict[str, frozenset[object]] = {}
    params: dict[str, float] = {}
    compelled: dict[str, bool] = {}
    for cl, _ in shipped:
        lists.update({k: frozenset(v) for k, v in cl.lists.items()})
        params.update({k: float(p.default) for k, p in cl.parameters.items()})
        compelled.update({j.country: j.compels for j in cl.jurisdictions})
    if compelled:
        lists.setdefault(COMPELLED_ACCESS_LIST, frozenset(c for c, on in compelled.items() if on))
    found: list[Problem] = []

    def problem(doc: Document, key: PathKey, en: str, ja: str) -> None:
        pos = doc.position(key)
        hint = " (--allow-override if intended)"
        hint_ja = "（意図した変更なら --allow-override）"
        found.append(Problem(doc.path, pos.line, pos.col, en + hint, ja + hint_ja))

    for cl, doc in packs:
        for name, values in cl.lists.items():
            new = frozenset(values)
            if name in lists and new != lists[name]:
                problem(
                    doc,
                    ("lists", name),
                    f"warning: lists.{name} changes the shipped list {_shown(lists[name])} to "
                    f"{_shown(new)}; every rule that uses it changes meaning",
                    f"警告: lists.{name} は同梱の値リスト {_shown(lists[name])} を {_shown(new)} "
                    "に変更します。これを使うすべての項目の意味が変わります",
                )
        for name, param in cl.parameters.items():
            if name in params and float(param.default) != params[name]:
                problem(
                    doc,
                    ("parameters", name, "default"),
                    f"warning: parameters.{name} changes the shipped default {params[name]:g} to "
                    f"{float(param.default):g}",
                    f"警告: parameters.{name} は同梱の既定値 {params[name]:g} を "
                    f"{float(param.default):g} に変更します",
                )
        for i, j in enumerate(cl.jurisdictions):
            if j.country in compelled and j.compelled_access != compelled[j.country]:
                problem(
                    doc,
                    ("jurisdictions", i, "compelled_access"),
                    f"warning: jurisdiction {j.country} changes the shipped compelled_access "
                    f"{str(compelled[j.country]).lower()} to {str(j.compelled_access).lower()}",
                    f"警告: 法域 {j.country} は同梱の compelled_access "
                    f"{str(compelled[j.country]).lower()} を {str(j.compelled_access).lower()} "
                    "に変更します",
                )
    return sorted(found)
