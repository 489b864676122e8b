"""The CAIO commands' phrases (``caio.*``: compare, diff, config show, inventory), ja and en side
by side; merged into ``render.phrases.PHRASES``. A missing ``caio.KEY`` falls back to ``KEY``."""

from __future__ import annotations

from typing import Final

CAIO_PHRASES: Final[dict[str, tuple[str, str]]] = {
    # --- the CAIO commands (caio.*); a missing caio.KEY falls back to KEY ---------------------
    # compare
    "caio.compare_title": ("入札者比較", "Bidder comparison"),
    "caio.compare_part": (
        "入札者比較（{first}〜{last} / {total} 者）",
        "Bidder comparison (bidders {first}-{last} of {total})",
    ),
    "caio.item": ("項目", "Item"),
    "caio.review": ("CAIO確認", "CAIO review"),
    "caio.review_yes": ("必要", "required"),
    "caio.review_no": ("不要", "not required"),
    "caio.flags": ("確認フラグ", "Review flags"),
    "caio.open_fail": ("不適合の数", "Failures"),
    "caio.open_unanswered": ("未回答の数", "Unanswered"),
    "caio.open_unverified": ("根拠なしの数", "Unverified"),
    "caio.waived_count": ("免除の数", "Waived"),
    "caio.key_facts": ("主要な申告内容", "Key facts"),
    "caio.fact.data_locations.storage": ("データ保存国", "Data storage countries"),
    "caio.fact.data_locations.processing": ("データ処理国", "Data processing countries"),
    "caio.fact.data_locations.backup": ("バックアップ保存国", "Backup countries"),
    "caio.fact.data_locations.logs": ("ログ保存国", "Log countries"),
    "caio.fact.foreign_law.subject_to": ("適用される外国法", "Foreign laws"),
    "caio.fact.security.ismap": ("ISMAP登録", "ISMAP status"),
    "caio.fact.training_use.customer_data": ("顧客データの学習利用", "Training on customer data"),
    "caio.fact.exit.export_formats": ("エクスポート形式", "Export formats"),
    "caio.fact.exit.export_contents": ("エクスポート対象", "Export contents"),
    "caio.fact.exit.transition_support_months": ("移行支援（月）", "Transition support (months)"),
    "caio.fact.contract.governing_law": ("準拠法", "Governing law"),
    "caio.fact.contract.court_country": ("管轄裁判所の国", "Court country"),
    "caio.fact.contract.court": ("管轄裁判所", "Court"),
    # diff
    "caio.diff_title": ("申告書の差分", "Declaration diff"),
    "caio.facts_changed": ("申告内容の変更", "Declared facts"),
    "caio.findings_changed": ("指摘事項の変更", "Findings"),
    "caio.field": ("項目", "Field"),
    "caio.change": ("変更", "Change"),
    "caio.old": ("変更前", "Old"),
    "caio.new": ("変更後", "New"),
    "caio.change.added": ("追加", "added"),
    "caio.change.removed": ("削除", "removed"),
    "caio.change.changed": ("変更", "changed"),
    "caio.change.appeared": ("新規", "appeared"),
    "caio.change.disappeared": ("消滅", "disappeared"),
    "caio.change.status": ("判定の変更", "status changed"),
    "caio.change.severity": ("重要度の変更", "severity changed"),
    "caio.worse": ("悪化", "worse"),
    "caio.no_changes": ("変更はありません", "No changes"),
    "caio.diff_worse": ("悪化した指摘があります", "Some findings got worse"),
    "caio.diff_not_worse": ("悪化した指摘はありません", "No finding got worse"),
    # config show
    "caio.config_title": ("有効な設定", "Effective settings"),
    "caio.setting": ("設定", "Setting"),
    "caio.value": ("値", "Value"),
    "caio.source": ("設定元", "Source"),
    "caio.src.default": ("既定値", "shipped default"),
    "caio.src.cli": ("コマンドライン", "command line"),
    "caio.src.locale": ("ロケール", "locale"),
    "caio.config_file": ("設定ファイル", "Config file"),
    "caio.none": ("なし", "none"),
    "caio.checklists": ("チェックリスト", "Checklists"),
    "caio.parameter": ("パラメータ", "Parameter"),
    "caio.disabled": ("無効化された項目", "Disabled rules"),
    "caio.severity_overrides": ("重要度の変更", "Severity overrides"),
    "caio.waivers": ("免除ファイル", "Waiver files"),
    # inventory
    "caio.inventory_added": (
        "{count} 件を台帳に記録しました: {db}",
        "Recorded {count} assessments in {db}",
    ),
    "caio.inventory_added_one": ("1 件を台帳に記録しました: {db}", "Recorded 1 assessment in {db}"),
    "caio.assessed_on": ("評価日", "Assessed on"),
    "caio.expiring_title": (
        "{days} 日以内に期限切れとなる（または期限切れの）免除",
        "Waivers expiring within {days} days (or already expired)",
    ),
    "caio.no_expiring": ("期限切れが近い免除はありません", "No waivers expire soon"),
    "caio.days_left": ("残り日数", "Days left"),
    "caio.waiver": ("免除", "Waiver"),
    "caio.inventory_title": ("AI利用台帳", "AI use inventory"),
    "caio.no_rows": ("該当する記録はありません", "No matching records"),
}
