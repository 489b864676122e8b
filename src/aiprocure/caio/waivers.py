"""Load waiver files, with every problem at its position.

Applying them is the engine's (``engine.waivers``, before scoring): ``api.assess_file`` and
``engine.assess`` take the ``WaiverSet`` loaded here and the date it is judged on.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from aiprocure.engine.waivers import LoadedWaiver, WaiverSet, absolute
from aiprocure.errors import InputError, Problem
from aiprocure.model.findings import InputDigest
from aiprocure.model.retired import retired_warning
from aiprocure.model.ruleset import Ruleset
from aiprocure.sources.load import load

__all__ = ["LoadedWaiver", "WaiverSet", "load_waivers"]


def load_waivers(
    paths: Sequence[Path], ruleset: Ruleset, warnings: list[Problem] | None = None
) -> WaiverSet:
    """Load waiver files; every problem (schema, unknown rule, duplicate id) at its position.
    A waiver of a retired rule is kept (it matches nothing) and, when ``warnings`` is given, a
    warning naming the replacement is added to it."""
    from aiprocure.model.waivers import WaiverFile

    rule_ids = {r.id for r in ruleset.rules}
    out: list[LoadedWaiver] = []
    digests: list[InputDigest] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in paths:
        try:
            wf, doc = load(path, WaiverFile)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        digests.append(InputDigest(kind="waivers", path=str(path), sha256=doc.sha256))
        for i, w in enumerate(wf.waivers):
            at = doc.position(("waivers", i))
            retired = ruleset.retired.get(w.rule)
            if retired is not None and w.rule not in rule_ids:
                pos = doc.position(("waivers", i, "rule"))
                en, ja = retired_warning(retired)
                if warnings is not None:
                    warnings.append(
                        Problem(
                            doc.path,
                            pos.line,
                            pos.col,
                            f"waivers[{i}].rule: {en}",
                            f"waivers[{i}].rule: {ja}",
                        )
                    )
            elif w.rule not in rule_ids:
                pos = doc.position(("waivers", i, "rule"))
                problems.append(
                    Problem(
                        doc.path,
                        pos.line,
                        pos.col,
                        f"waivers[{i}].rule: unknown rule {w.rule!r}",
                        f"waivers[{i}].rule: 不明な項目 {w.rule!r} です",
                    )
                )
            if w.id in seen:
                pos = doc.position(("waivers", i, "id"))
                problems.append(
                    Problem(
                        doc.path,
                        pos.line,
                        pos.col,
                        f"waivers[{i}].id: duplicate waiver id {w.id!r} (first at {seen[w.id]})",
                        f"waivers[{i}].id: 免除 ID {w.id!r} が重複しています"
                        f"（最初の定義: {seen[w.id]}）",
                    )
                )
            else:
                seen[w.id] = f"{doc.path}:{at.line}"
            glob = w.scope.declaration
            if glob is not None:  # relative to the waivers file, not to the current directory
                glob = absolute(glob, str(Path(path).resolve().parent))
            out.append(LoadedWaiver(entry=w, path=doc.path, line=at.line, declaration=glob))
    if problems:
        raise InputError(problems)
    return WaiverSet(waivers=tuple(out), digests=tuple(digests), cwd=Path.cwd().as_posix())
