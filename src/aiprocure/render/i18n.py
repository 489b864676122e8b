"""Report headings and fixed phrases in Japanese and English. Rule texts come from the checklists."""

from __future__ import annotations

import os
from collections.abc import Mapping

from aiprocure.model.common import Lang

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (ja, en)
    "report_title": ("生成AI調達リスク評価レポート", "Generative-AI procurement risk report"),
    "vendor": ("事業者", "Vendor"),
    "system": ("システム", "System"),
    "corporate_number": ("法人番号", "Corporate number"),
    "declaration": ("申告書", "Declaration"),
    "risk_level": ("総合リスク", "Overall risk"),
    "review_required": (
        "CAIO・アドバイザリーボードによる確認が必要",
        "CAIO / advisory-board review required",
    ),
    "review_not_required": ("高リスク判定の対象外", "No high-risk review flag"),
    "review_flags": ("高リスク確認フラグ", "High-risk review flags"),
    "high_risk": ("高リスク判定", "High-risk determination"),
    "viewpoint": ("観点", "Viewpoint"),
    "level": ("該当", "Level"),
    "undetermined": (
        "未回答の観点があるため高リスク判定を確定できません",
        "Some viewpoints are unanswered: the high-risk determination is incomplete",
    ),
    "aggregation_any": (
        "いずれかの観点が高リスク側なら確認対象",
        "Any viewpoint on its high side triggers review",
    ),
    "aggregation_at_least": (
        "{count} 個以上の観点が高リスク側なら確認対象",
        "{count} or more viewpoints on their high side trigger review",
    ),
    "high_side": ("高リスク側", "high side"),
    "tool_default": ("本ツールの既定値", "this tool's default"),
    "categories": ("観点別スコア", "Scores by concern"),
    "category": ("観点", "Concern"),
    "score": ("スコア", "Score"),
    "risk": ("リスク", "Risk"),
    "findings": ("指摘事項", "Findings"),
    "rule": ("項目", "Rule"),
    "status": ("判定", "Status"),
    "severity": ("重要度", "Severity"),
    "message": ("内容", "Message"),
    "remediation": ("対応策", "Remediation"),
    "references": ("根拠", "References"),
    "evidence": ("根拠資料", "Evidence"),
    "observed": ("申告内容", "Declared"),
    "location": ("位置", "Location"),
    "provenance": ("根拠の種類", "Basis"),
    "summary": ("概要", "Summary"),
    "inputs": ("入力", "Inputs"),
    "versions": ("バージョン", "Versions"),
    "passed_rules": ("満たしている項目", "Rules met"),
    "no_findings": ("指摘事項はありません", "No findings"),
    "not_answered": ("未回答", "not answered"),
    "generated_at": ("作成日時", "Generated at"),
    "waived_by": ("免除", "Waived"),
    # statuses
    "status.pass": ("適合", "pass"),
    "status.fail": ("不適合", "fail"),
    "status.unanswered": ("未回答", "unanswered"),
    "status.unverified": ("根拠なし", "unverified"),
    "status.not_applicable": ("対象外", "not applicable"),
    "status.waived": ("免除", "waived"),
    # severities
    "severity.info": ("情報", "info"),
    "severity.low": ("低", "low"),
    "severity.medium": ("中", "medium"),
    "severity.high": ("高", "high"),
    "severity.critical": ("重大", "critical"),
    # risk levels
    "risk.low": ("低", "low"),
    "risk.medium": ("中", "medium"),
    "risk.high": ("高", "high"),
    "risk.critical": ("重大", "critical"),
    # provenance
    "provenance.guideline": ("ガイドライン本文", "guideline text"),
    "provenance.official": ("他の公的資料", "other official source"),
    "provenance.tool": ("本ツールの判断", "tool's judgement"),
    # waiver notices (CAIO workflow)
    "waiver_notices": ("免除に関するお知らせ", "Waiver notices"),
    "notice.expired": ("期限切れのため適用されていません", "expired; no longer applied"),
    "notice.unused": ("該当する未解決の指摘がありません", "not needed: the finding is not open"),
    "notice.expiring_soon": ("まもなく期限切れになります", "expires soon"),
    "notice.not_yet_effective": (
        "承認日前のため適用されていません",
        "not yet in force (approval date is later)",
    ),
    "notice.conflict": (
        "同じ指摘に複数の免除が該当; 期限が最も遅いものを適用",
        "several waivers match one finding; the one expiring last applies",
    ),
    "expires_on": ("有効期限", "expires"),
    "waived_hidden": ("免除済みの指摘 {count} 件を省略しました", "{count} waived findings hidden"),
}


def t(key: str, lang: Lang, **kwargs: object) -> str:
    ja, en = MESSAGES[key]
    text = ja if lang is Lang.JA else en
    return text.format(**kwargs) if kwargs else text


def default_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """Japanese when the locale says so (LC_ALL, LC_MESSAGES, LANG, in that order), else English."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return Lang.JA if value.lower().startswith("ja") else Lang.EN
    return Lang.EN
