"""Phrases of the CI gates (``ci.*``): size and annotation limits, compact and quiet output.
Merged into ``phrases.PHRASES``; kept apart so the catalogue stays under the module size limit."""

from __future__ import annotations

from typing import Final

CI_PHRASES: Final[dict[str, tuple[str, str]]] = {
    # key: (ja, en)
    "ci.cut": (
        "GitHub のコメント上限（{limit} 文字）に収めるため、{count} 件の申告書の詳細を省略しました。"
        "全文は `aiprocure check ... -o report.md` で出力できます。",
        "Details of {count} declarations were cut to fit GitHub's comment limit ({limit} "
        "characters). Write the full report with `aiprocure check ... -o report.md`.",
    ),
    "ci.more_annotations": (
        "{file}: ほかに {count} 件（表示上限のため省略）",
        "{file}: {count} more (not annotated: GitHub shows 10 of each kind per step)",
    ),
    "ci.annotation_summary": (
        "エラー {error} 件、警告 {warning} 件、通知 {notice} 件（省略 {cut} 件）",
        "{error} errors, {warning} warnings, {notice} notices ({cut} not annotated)",
    ),
    "ci.input_error": ("申告書を評価できません", "Declaration could not be assessed"),
    "ci.gate_pass": ("ゲート: 合格（{files} 件）", "gate: pass ({files} files)"),
    "ci.gate_fail": (
        "ゲート: 不合格（{files} 件中 {failed} 件）",
        "gate: FAIL ({failed} of {files} files)",
    ),
}
