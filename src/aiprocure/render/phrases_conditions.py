"""Phrases of the conditions of acceptance, the fact notes, the evidence details and the notices
(``acc.*``; docs/declaration-format.md sections 3 and 4). Merged into ``phrases.PHRASES``."""

from __future__ import annotations

from typing import Final

CONDITION_PHRASES: Final[dict[str, tuple[str, str]]] = {
    # key: (ja, en)
    "acc.conditions": ("受入れの条件", "Conditions of acceptance"),
    "acc.conditions_intro": (
        "以下の値は府省庁が対応することを前提に評価しています。契約に盛り込んでください。",
        "These values count only because the ministry acts on them: put them into the contract.",
    ),
    "acc.condition": ("受入れ条件", "Condition of acceptance"),
    "acc.fact": ("事実", "Fact"),
    "acc.value": ("値", "Value"),
    "acc.kind": ("条件", "Condition"),
    "acc.detail": ("詳細", "Detail"),
    "acc.rules": ("この事実に依拠する項目", "Rules resting on it"),
    "acc.position": ("位置", "Position"),
    "acc.notes": ("評価の前提となる注記", "Notes the verdicts rest on"),
    "acc.notices": ("お知らせ（評価結果には影響しません）", "Notices (no effect on the verdicts)"),
    "acc.any_region": ("任意の国・地域", "any region"),
    "acc.section_wide": ("セクション全体の根拠", "section-wide"),
    "acc.evidence_file": ("根拠ファイル", "Evidence file"),
    "acc.no_rules": ("（なし）", "(none)"),
    "acc.kinds": ("根拠として認める種類", "Evidence kinds accepted"),
    # condition kinds (when)
    "when.default": ("既定", "by default"),
    "when.on_request": ("申請により", "on request"),
    "when.on_approval": ("事業者の承認により", "on the vendor's approval"),
    "when.by_configuration": ("設定により", "by configuration"),
    "when.customer_steps": ("利用者の手順により", "by the customer's steps"),
    "when.customer_obligation": (
        "利用者の義務の遵守を条件に",
        "while the customer keeps an obligation",
    ),
    "when.depends_on_region": ("リージョンに依存", "depends on the region"),
    "when.depends_on_deployment": ("デプロイ形態に依存", "depends on the deployment"),
    # note kinds
    "note.alternative": ("採用しない選択肢", "alternative not relied on"),
    "note.not_committed": (
        "府省庁の対応が約束されていないため未回答として扱います",
        "not committed by the ministry: treated as unanswered",
    ),
    "note.union_taken": (
        "選択が示されていないため全選択肢の和集合で評価",
        "no choice stated: the union of the options counts",
    ),
    "note.law_exception": ("法令による保存期間の例外", "retention exception required by law"),
    "note.exception": ("保存期間の例外", "retention exception"),
    "note.incomplete_list": ("一覧は網羅的ではありません", "the list is not exhaustive"),
    "note.any_region": ("任意の国・地域", "any region"),
    # evidence kinds
    "kind.contract": ("契約", "contract"),
    "kind.terms_of_service": ("利用規約", "terms of service"),
    "kind.audit_report": ("監査報告書", "audit report"),
    "kind.certification": ("認証・登録", "certification"),
    "kind.vendor_documentation": ("事業者の製品文書", "vendor documentation"),
    "kind.self_assessment": ("自己評価", "self-assessment"),
    "kind.third_party": ("第三者の記事", "third-party article"),
    "kind.unspecified": ("種類の記載なし", "kind not stated"),
    # notices
    "notice.declaration_old": (
        "申告書の申告日 {date} から {age} 日経過しています（上限 {limit} 日）",
        "The declaration is {age} days old (declared on {date}; limit {limit} days)",
    ),
    "notice.evidence_old": (
        "根拠資料「{document}」の日付 {date} から {age} 日経過しています（上限 {limit} 日）",
        "Evidence '{document}' is {age} days old (dated {date}; limit {limit} days)",
    ),
    "notice.evidence_undated": (
        "根拠資料「{document}」に日付がありません",
        "Evidence '{document}' is not dated",
    ),
    "notice.digest_not_declared": (
        "根拠ファイル {file} の sha256 が申告書に記載されていません（計算値を記録しました）",
        "The sha256 of evidence file {file} was not declared (the computed digest is recorded)",
    ),
}
