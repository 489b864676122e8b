"""Phrases of the terminal's batch view (``batch.*``, ``render.terminal_batch``). Merged into
``phrases.PHRASES``; kept apart so the catalogue stays under the module size limit."""

from __future__ import annotations

from typing import Final

BATCH_PHRASES: Final[dict[str, tuple[str, str]]] = {
    # key: (ja, en)
    "batch.gate": ("ゲート", "Gate"),
    "batch.fail": ("不合格", "fail"),
    "batch.pass": ("合格", "pass"),
    "batch.file": ("申告書ファイル", "File"),
    "batch.hidden": (
        "ほかに {count} 件の申告書がゲート不合格です（詳細は省略）。"
        "すべて表示するには --details failing を指定してください。",
        "{count} more declarations fail the gate (details not shown); "
        "--details failing shows them all.",
    ),
}
