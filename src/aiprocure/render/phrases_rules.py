"""Phrases about a rule's severity rows and the guideline edition its rules were checked
against (issue 11): part of ``render.phrases.PHRASES``, kept here to keep that module short."""

from __future__ import annotations

from typing import Final

EDITION_PHRASES: Final[dict[str, tuple[str, str]]] = {
    "rule.severity_by": ("事実による重要度の引上げ", "Severity raised by the facts"),
    "rule.severity_row": (
        "{severity}: {reason}（条件: {when}）",
        "{severity}: {reason} (when: {when})",
    ),
    "rule.severity_unknown": (
        "該当するかが申告されていない場合は、最も厳しい区分を適用する",
        "If the facts are not declared, the worst row applies",
    ),
    "rule.checked_against": ("確認した版", "Checked against"),
    "rule.not_rechecked": (
        "DS-920 v2.0（2026-06-12 承認）の本文に照らした再確認は未実施",
        "not re-checked against the DS-920 v2.0 text, approved 2026-06-12",
    ),
    "edition_note": (
        "規則は DS-920 2025-05-27 版に照らして確認したもので、DS-920 v2.0（2026-06-12 承認）の本文に"
        "照らした再確認は行っていない。",
        "The rules were checked against DS-920 2025-05-27; they have not been re-checked against "
        "the DS-920 v2.0 text (approved 2026-06-12).",
    ),
    "catalogue.edition_note": (
        "各規則は「確認した版」に記した DS-920 の版（2025-05-27）に照らして作成・確認したものであり、"
        "**DS-920 v2.0（2026-06-12 承認）の本文に照らした再確認は行っていない**。",
        'Each rule was written and checked against the DS-920 edition given as its "checked '
        'against" (2025-05-27). **The rules have not been re-checked against the DS-920 v2.0 '
        "text (approved 2026-06-12).**",
    ),
}
