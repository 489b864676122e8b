"""What opening and running a session decide besides the session itself: which rules a run
checks (``--skip-rule`` / ``--only-rule`` and the config's defaults), the error for a run with
no rule left, and which waivers a run's reports matched. Used by ``aiprocure.api.session``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from aiprocure.errors import InputError, Problem
from aiprocure.model.findings import Report
from aiprocure.model.ruleset import Ruleset

if TYPE_CHECKING:
    from aiprocure.caio import waivers as caio_waivers
    from aiprocure.caio.config import LoadedConfig


class SessionOptions(Protocol):
    """What these helpers read of ``api.session.SessionOptions`` (defined above this module, so
    that the two do not import each other)."""

    @property
    def skip_rules(self) -> tuple[str, ...]: ...
    @property
    def only_rules(self) -> tuple[str, ...]: ...
    @property
    def no_default_checklists(self) -> bool: ...


def _select_rules(
    ruleset: Ruleset, options: SessionOptions, loaded: LoadedConfig | None
) -> Ruleset:
    """``--skip-rule`` / ``--only-rule`` (and the config's ``defaults.skip_rules`` /
    ``only_rules``): rule IDs or globs (``DS920-LOCK-*``), matched case-insensitively. A pattern
    that matches no rule is an error, as a misspelt rule ID in the config is."""
    import dataclasses
    import fnmatch

    defaults = loaded.config.defaults if loaded else None
    skip = [*(defaults.skip_rules if defaults else []), *options.skip_rules]
    only = list(options.only_rules) or list(defaults.only_rules if defaults else [])
    if not skip and not only:
        return ruleset
    ids = [r.id for r in ruleset.rules]

    def matches(rid: str, pattern: str) -> bool:
        return fnmatch.fnmatchcase(rid.upper(), pattern.upper())

    problems = [
        Problem(
            f"--{flag}",
            1,
            1,
            f"{pattern!r} matches no rule (see `aiprocure rules`)",
            f"{pattern!r} に当てはまる項目がありません（`aiprocure rules` を参照）",
        )
        for flag, patterns in (("skip-rule", skip), ("only-rule", only))
        for pattern in patterns
        if not any(matches(rid, pattern) for rid in ids)
    ]
    if problems:
        raise InputError(problems)
    rules = [
        r
        for r in ruleset.rules
        if not any(matches(r.id, p) for p in skip)
        and (not only or any(matches(r.id, p) for p in only))
    ]
    return dataclasses.replace(ruleset, rules=rules)


def _no_rule_left(loaded: LoadedConfig | None, options: SessionOptions) -> Problem:
    """A run with no rule to check would report "no findings" about nothing: an error."""
    if loaded is not None and loaded.config.disabled:
        pos = loaded.doc.position(("disabled",))
        return Problem(
            str(loaded.path),
            pos.line,
            pos.col,
            "disabled: the configuration disables every rule; no rule is left to check",
            "disabled: 設定がすべての項目を無効にしています。確認する項目が残っていません",
        )
    what = "--no-default-checklists" if options.no_default_checklists else "checklists"
    return Problem(
        what,
        1,
        1,
        "no rule is left to check: give a checklist (--checklist PACK.yaml) or drop "
        "--no-default-checklists",
        "確認する項目がありません: チェックリストを指定する（--checklist PACK.yaml）か、"
        "--no-default-checklists を外してください",
    )


def _waivers_in_scope(report: Report) -> set[str]:
    """The ids of the waivers that matched ``report``'s declaration (applied or noticed)."""
    ids = {f.waiver.id for f in report.findings if f.waiver is not None}
    return ids | {n.waiver_id for n in report.waiver_notices}


def _unmatched(w: caio_waivers.LoadedWaiver) -> Problem:
    return Problem(
        w.path,
        w.line,
        5,
        f"waiver {w.entry.id} ({w.entry.rule}) matched no declaration of this run; check its scope",
        f"免除 {w.entry.id}（{w.entry.rule}）はこの実行のどの申告書にも当てはまりませんでした。"
        "対象（scope）を確認してください",
    )
