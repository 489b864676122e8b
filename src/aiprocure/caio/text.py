"""Fixed phrases of the CAIO commands in Japanese and English (report phrases live in
``render.i18n``; these are kept here so the shared table stays small)."""

from __future__ import annotations

from aiprocure.model.common import Lang
from aiprocure.render.i18n import MESSAGES as REPORT_MESSAGES

MESSAGES: dict[str, tuple[str, str]] = {
    # compare
    "compare_title": ("入札者比較", "Bidder comparison"),
    "item": ("項目", "Item"),
    "review": ("CAIO確認", "CAIO review"),
    "review_yes": ("必要", "required"),
    "review_no": ("不要", "not required"),
    "flags": ("確認フラグ", "Review flags"),
    "open_fail": ("不適合の数", "Failures"),
    "open_unanswered": ("未回答の数", "Unanswered"),
    "open_unverified": ("根拠なしの数", "Unverified"),
    "waived_count": ("免除の数", "Waived"),
    "key_facts": ("主要な申告内容", "Key facts"),
    "fact.data_locations.storage": ("データ保存国", "Data storage countries"),
    "fact.data_locations.processing": ("データ処理国", "Data processing countries"),
    "fact.data_locations.backup": ("バックアップ保存国", "Backup countries"),
    "fact.data_locations.logs": ("ログ保存国", "Log countries"),
    "fact.foreign_law.subject_to": ("適用される外国法", "Foreign laws"),
    "fact.security.ismap": ("ISMAP登録", "ISMAP status"),
    "fact.training_use.customer_data": ("顧客データの学習利用", "Training on customer data"),
    "fact.exit.export_formats": ("エクスポート形式", "Export formats"),
    "fact.exit.export_contents": ("エクスポート対象", "Export contents"),
    "fact.exit.transition_support_months": ("移行支援（月）", "Transition support (months)"),
    "fact.contract.governing_law": ("準拠法", "Governing law"),
    "fact.contract.court_country": ("管轄裁判所の国", "Court country"),
    "fact.contract.court": ("管轄裁判所", "Court"),
    # diff
    "diff_title": ("申告書の差分", "Declaration diff"),
    "facts_changed": ("申告内容の変更", "Declared facts"),
    "findings_changed": ("指摘事項の変更", "Findings"),
    "field": ("項目", "Field"),
    "change": ("変更", "Change"),
    "old": ("変更前", "Old"),
    "new": ("変更後", "New"),
    "change.added": ("追加", "added"),
    "change.removed": ("削除", "removed"),
    "change.changed": ("変更", "changed"),
    "change.appeared": ("新規", "appeared"),
    "change.disappeared": ("消滅", "disappeared"),
    "change.status": ("判定の変更", "status changed"),
    "change.severity": ("重要度の変更", "severity changed"),
    "worse": ("悪化", "worse"),
    "no_changes": ("変更はありません", "No changes"),
    "diff_worse": ("悪化した指摘があります", "Some findings got worse"),
    "diff_not_worse": ("悪化した指摘はありません", "No finding got worse"),
    # config show
    "config_title": ("有効な設定", "Effective settings"),
    "setting": ("設定", "Setting"),
    "value": ("値", "Value"),
    "source": ("設定元", "Source"),
    "src.default": ("既定値", "shipped default"),
    "src.cli": ("コマンドライン", "command line"),
    "src.locale": ("ロケール", "locale"),
    "config_file": ("設定ファイル", "Config file"),
    "none": ("なし", "none"),
    "checklists": ("チェックリスト", "Checklists"),
    "parameter": ("パラメータ", "Parameter"),
    "disabled": ("無効化された項目", "Disabled rules"),
    "severity_overrides": ("重要度の変更", "Severity overrides"),
    "waivers": ("免除ファイル", "Waiver files"),
    # inventory
    "inventory_added": (
        "{count} 件を台帳に記録しました: {db}",
        "Recorded {count} assessments in {db}",
    ),
    "assessed_on": ("評価日", "Assessed on"),
    "expiring_title": (
        "{days} 日以内に期限切れとなる（または期限切れの）免除",
        "Waivers expiring within {days} days (or already expired)",
    ),
    "no_expiring": ("期限切れが近い免除はありません", "No waivers expire soon"),
    "days_left": ("残り日数", "Days left"),
    "waiver": ("免除", "Waiver"),
    "inventory_title": ("AI利用台帳", "AI use inventory"),
    "no_rows": ("該当する記録はありません", "No matching records"),
}


def tc(key: str, lang: Lang, **kwargs: object) -> str:
    ja, en = MESSAGES.get(key) or REPORT_MESSAGES[key]
    text = ja if lang is Lang.JA else en
    return text.format(**kwargs) if kwargs else text
