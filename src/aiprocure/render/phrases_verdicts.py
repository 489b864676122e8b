"""Phrases of the two verdicts every headline shows (docs/verdicts.md section 3): the vendor's
compliance risk and the use case's high-risk determination. Merged into ``phrases.PHRASES``; kept
apart so the catalogue stays under the module size limit."""

from __future__ import annotations

from typing import Final

VERDICT_PHRASES: Final[dict[str, tuple[str, str]]] = {
    "verdict.risk": ("事業者の適合リスク", "Vendor compliance risk"),
    "verdict.determination": ("高リスク判定", "High-risk determination"),
    "determination.raised": ("該当", "raised"),
    "determination.not_raised": ("非該当", "not raised"),
    "determination.incomplete": ("判定未確定", "incomplete"),
    "determination.undetermined": ("未確定", "undetermined"),  # a viewpoint's state
    "verdict.no_open": ("未解決の指摘なし", "no open finding"),
    "verdict.more": ("ほか {count} 件", "and {count} more"),
    "verdict.missing": ("未回答: {fields}", "not declared: {fields}"),
    "verdict.all_answered": ("全ての観点に回答済み", "every viewpoint answered"),
    "verdict.no_sheet": ("高リスク判定シートなし", "no high-risk sheet loaded"),
    "escalations": ("CAIO への確認を要する項目", "Items that need CAIO review"),
    "determination_warn": (
        "判定未確定は警告のみ（gate.incomplete_determination: warn）",
        "incomplete is a warning only (gate.incomplete_determination: warn)",
    ),
}
