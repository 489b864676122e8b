"""Phrases of the HTML meeting pack (the overview page, printed pages, the comparison chart).
Merged into ``phrases.PHRASES``; kept apart so the catalogue stays under the module size limit."""

from __future__ import annotations

from typing import Final

HTML_PHRASES: Final[dict[str, tuple[str, str]]] = {
    "html.overview": ("概要", "Overview"),
    "html.verdicts": ("判定", "Verdicts"),
    "html.details": ("詳細", "Details"),
    "html.counts": ("判定別の件数", "Findings by status"),
    "html.contents": ("収録した申告書", "Declarations in this pack"),
    "html.not_applicable_rules": ("適用されない項目", "Rules that do not apply"),
    "html.declared_on": ("申告日", "Declared on"),
    "html.digest": ("申告書の SHA-256", "Declaration SHA-256"),
    "html.not_stated": ("記載なし", "not stated"),
    "html.page": ("ページ", "page"),
    "html.acceptance": ("受入れの条件", "Conditions of acceptance"),
    "html.acceptance_intro": (
        "次の申告内容は、府省庁側が示された条件を満たす場合に限り有効です。契約に盛り込んでください。",
        "These declared values count only if the ministry does what the condition says: write "
        "them into the contract.",
    ),
    "html.fact": ("申告項目", "Fact"),
    "html.value": ("値", "Value"),
    "html.when": ("条件", "Condition"),
    "html.detail": ("詳細", "Detail"),
    "html.rules": ("関係する項目", "Rules"),
    "html.line": ("行", "Line"),
    "html.when.default": ("既定で有効", "by default"),
    "html.when.on_request": ("申請により", "on request"),
    "html.when.on_approval": ("承認により", "on approval"),
    "html.when.by_configuration": ("設定により", "by configuration"),
    "html.when.customer_steps": ("利用者側の手順により", "by the customer's steps"),
    "html.when.customer_obligation": ("利用者側の義務として", "as the customer's obligation"),
    "html.when.depends_on_region": ("リージョンによる", "depends on the region"),
    "html.when.depends_on_deployment": ("導入形態による", "depends on the deployment"),
    "html.compare_chart": (
        "観点別スコア（入札者の比較）",
        "Scores by concern, bidders side by side",
    ),
}
