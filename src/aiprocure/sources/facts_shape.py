"""The shape of a format 2.0 wrapper (docs/declaration-format.md section 1), checked with a
positioned, bilingual error for every mistake, and read into ``facts_resolve.Option`` s."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from aiprocure.model.facts import ConditionKind
from aiprocure.sources.facts_resolve import EXCEPTION_FIELDS, Exception_, Option, PathKey, pattern
from aiprocure.sources.yamlmessages import short_repr

VALUE_KEYS = ("value", "when", "detail", "ministry_commits", "exceptions", "complete", "evidence")
OPTIONS_KEYS = ("options", "evidence")
OPTION_KEYS = ("value", "when", "detail", "chosen", "exceptions", "complete", "evidence")
EXCEPTION_KEYS = ("value", "detail", "basis")
BASES = ("law", "vendor_policy", "customer_request")
# Keys that only a wrapper has: a mapping with one of them but neither `value` nor `options` is a
# wrapper with its value missing.
WRAPPER_ONLY = frozenset({"when", "ministry_commits", "exceptions", "chosen", "complete"})
MAX_DETAIL = 5_000

Report = Callable[[PathKey, str, str], None]
Where = Callable[[PathKey], tuple[int, int]]


def is_wrapper(node: Any) -> bool:
    return isinstance(node, dict) and ("value" in node or "options" in node)


def looks_like_wrapper(node: Any) -> bool:
    return isinstance(node, dict) and not is_wrapper(node) and bool(WRAPPER_ONLY & node.keys())


def dotted(path: PathKey) -> str:
    out = ""
    for seg in path:
        out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else seg)
    return out


def _hint(key: str, allowed: tuple[str, ...]) -> tuple[str, str]:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6) if len(key) <= 100 else []
    if close:
        return f"; did you mean {close[0]!r}?", f"。{close[0]!r} の誤りではありませんか？"
    return f" (allowed: {', '.join(allowed)})", f"（使えるキー: {', '.join(allowed)}）"


class ShapeReader:
    """Reads one wrapper; every problem goes to ``report`` (path, English, Japanese)."""

    def __init__(self, report: Report, where: Where, *, is_list: bool) -> None:
        self.report = report
        self.where = where
        self.is_list = is_list

    def _keys(self, node: dict[str, Any], path: PathKey, allowed: tuple[str, ...]) -> None:
        for key in node:
            if key not in allowed:
                en, ja = _hint(str(key), allowed)
                self.report(
                    (*path, key),
                    f"{dotted(path)}: unknown key {short_repr(str(key))} in a fact's wrapper{en}",
                    f"{dotted(path)}: 事実の記述に不明なキー {short_repr(str(key))} があります{ja}",
                )

    def _flag(self, node: dict[str, Any], path: PathKey, key: str) -> bool | None:
        value = node.get(key)
        if value is None or isinstance(value, bool):
            return value
        self.report(
            (*path, key),
            f"{dotted((*path, key))}: must be true or false (got {short_repr(str(value))})",
            f"{dotted((*path, key))}: true か false で記入してください（入力値: {short_repr(str(value))}）",
        )
        return None

    def _text(self, node: dict[str, Any], path: PathKey, key: str) -> str | None:
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, str) and value.strip() and len(value) <= MAX_DETAIL:
            return value
        self.report(
            (*path, key),
            f"{dotted((*path, key))}: must be text of 1 to {MAX_DETAIL} characters, not blank",
            f"{dotted((*path, key))}: 1〜{MAX_DETAIL} 文字のテキスト（空白だけは不可）で記入してください",
        )
        return None

    def _when(self, node: dict[str, Any], path: PathKey) -> ConditionKind:
        value = node.get("when")
        if value is None:
            return ConditionKind.DEFAULT
        kinds = tuple(k.value for k in ConditionKind)
        if isinstance(value, str) and value in kinds:
            return ConditionKind(value)
        close = difflib.get_close_matches(str(value), kinds, n=1, cutoff=0.6)
        en = f"; did you mean {close[0]!r}?" if close else f" ({', '.join(kinds)})"
        ja = f"。{close[0]!r} の誤りではありませんか？" if close else f"（{', '.join(kinds)}）"
        shown = short_repr(str(value))
        self.report(
            (*path, "when"),
            f"{dotted((*path, 'when'))}: {shown} is not a condition kind{en}",
            f"{dotted((*path, 'when'))}: {shown} は条件の種類ではありません{ja}",
        )
        return ConditionKind.DEFAULT

    def _exceptions(self, node: dict[str, Any], path: PathKey) -> tuple[Exception_, ...]:
        raw = node.get("exceptions")
        if raw is None:
            return ()
        where = (*path, "exceptions")
        if (
            pattern(path[: path.index("options")] if "options" in path else path)
            not in EXCEPTION_FIELDS
        ):
            self.report(
                where,
                f"{dotted(where)}: exceptions are allowed only on retention.prompt_days, "
                "retention.log_days and retention.deletion_days_after_termination",
                f"{dotted(where)}: exceptions は retention.prompt_days、retention.log_days、"
                "retention.deletion_days_after_termination にだけ書けます",
            )
            return ()
        if not isinstance(raw, list) or not raw:
            self.report(
                where,
                f"{dotted(where)}: must be a non-empty list of {{value, detail, basis}}",
                f"{dotted(where)}: {{value, detail, basis}} のリスト（1 つ以上）で記入してください",
            )
            return ()
        out = []
        for i, item in enumerate(raw):
            at = (*where, i)
            if not isinstance(item, dict) or "value" not in item:
                self.report(
                    at,
                    f"{dotted(at)}: an exception is {{value: N or null, detail, basis}}",
                    f"{dotted(at)}: 例外は {{value: 日数または null, detail, basis}} で記入してください",
                )
                continue
            self._keys(item, at, EXCEPTION_KEYS)
            value = item["value"]
            if value is not None and (
                not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 36_500
            ):
                self.report(
                    (*at, "value"),
                    f"{dotted((*at, 'value'))}: must be a number of days (0..36500) or null "
                    "(open-ended)",
                    f"{dotted((*at, 'value'))}: 日数（0〜36500）または null（期限なし）で記入してください",
                )
                value = None
            basis = item.get("basis")
            if basis is not None and basis not in BASES:
                self.report(
                    (*at, "basis"),
                    f"{dotted((*at, 'basis'))}: must be one of {', '.join(BASES)}",
                    f"{dotted((*at, 'basis'))}: {', '.join(BASES)} のいずれかで記入してください",
                )
            detail = self._text(item, at, "detail")
            if detail is None and "detail" not in item:
                self.report(
                    at,
                    f"{dotted(at)}: an exception needs its detail (what is kept longer, and why)",
                    f"{dotted(at)}: 例外には detail（何を、なぜ長く保存するか）が必要です",
                )
            line, col = self.where((*at, "value"))
            out.append(
                Exception_(value, detail, basis if isinstance(basis, str) else None, line, col)
            )
        return tuple(out)

    def _complete(self, node: dict[str, Any], path: PathKey) -> bool | None:
        if "complete" in node and not self.is_list:
            self.report(
                (*path, "complete"),
                f"{dotted((*path, 'complete'))}: complete is only for a list",
                f"{dotted((*path, 'complete'))}: complete はリストの事実にだけ書けます",
            )
            return None
        return self._flag(node, path, "complete")

    def read(self, node: dict[str, Any], path: PathKey) -> tuple[list[Option], bool] | None:
        """The options of the wrapper at ``path`` and whether it is form (b); None when it cannot
        be read at all."""
        if "value" in node and "options" in node:
            self.report(
                path,
                f"{dotted(path)}: give either value or options, not both",
                f"{dotted(path)}: value と options はどちらか一方だけを記入してください",
            )
            return None
        if "value" in node:
            self._keys(node, path, VALUE_KEYS)
            line, col = self.where((*path, "value"))
            opt = Option(
                node["value"],
                self._when(node, path),
                self._text(node, path, "detail"),
                line,
                col,
                committed=self._flag(node, path, "ministry_commits") is True,
                exceptions=self._exceptions(node, path),
                complete=self._complete(node, path),
            )
            return [opt], True
        self._keys(node, path, OPTIONS_KEYS)
        raw = node["options"]
        where = (*path, "options")
        if not isinstance(raw, list) or not raw:
            self.report(
                where,
                f"{dotted(where)}: options must be a non-empty list of {{value, when, ...}}",
                f"{dotted(where)}: options は {{value, when, ...}} のリスト（1 つ以上）で記入してください",
            )
            return None
        options: list[Option] = []
        for i, item in enumerate(raw):
            at = (*where, i)
            if not isinstance(item, dict) or "value" not in item:
                self.report(
                    at,
                    f"{dotted(at)}: an option is a mapping with a value",
                    f"{dotted(at)}: 選択肢は value を持つマッピングで記入してください",
                )
                continue
            self._keys(item, at, OPTION_KEYS)
            line, col = self.where((*at, "value"))
            options.append(
                Option(
                    item["value"],
                    self._when(item, at),
                    self._text(item, at, "detail"),
                    line,
                    col,
                    chosen=self._flag(item, at, "chosen") is True,
                    exceptions=self._exceptions(item, at),
                    complete=self._complete(item, at),
                )
            )
        self._at_most_one(options, path, raw)
        return options, False

    def _at_most_one(self, options: list[Option], path: PathKey, raw: list[Any]) -> None:
        if len(options) != len(raw):
            return
        chosen = [i for i, o in enumerate(options) if o.chosen]
        defaults = [i for i, o in enumerate(options) if o.when is ConditionKind.DEFAULT]
        for found, en, ja in (
            (chosen, "more than one option is chosen", "chosen: true の選択肢が複数あります"),
            (
                defaults,
                "more than one option is the default (an option without `when` is a default)",
                "既定（default）の選択肢が複数あります（when のない選択肢は既定です）",
            ),
        ):
            if len(found) > 1:
                at = (*path, "options", found[1])
                self.report(at, f"{dotted(at)}: {en}", f"{dotted(at)}: {ja}")
