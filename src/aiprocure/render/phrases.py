"""Every fixed phrase of the tool's output, Japanese and English side by side: one catalogue.

Keys without a dot-prefix are the report's (headings, statuses, severities, waiver notices;
``verdict.*`` and ``determination.*`` the two verdicts of the headline);
``cond.*`` words conditions (``render.condition``), ``catalogue.*`` the rule catalogue,
``rule.*`` labels of a rule's facts (the catalogue and ``explain``), ``caio.*`` the CAIO commands, ``ci.*`` CI gates' limits and compact output (``phrases_ci``), ``batch.*`` the terminal's batch view (``phrases_batch``). A phrase may take
``str.format`` fields. Rule texts come from the checklists, not from here. A test checks that every
phrase has both languages and the same format fields in each.
"""

from __future__ import annotations

from typing import Final

from aiprocure.render.phrases_batch import BATCH_PHRASES
from aiprocure.render.phrases_caio import CAIO_PHRASES
from aiprocure.render.phrases_ci import CI_PHRASES
from aiprocure.render.phrases_conditions import CONDITION_PHRASES
from aiprocure.render.phrases_html import HTML_PHRASES
from aiprocure.render.phrases_rules import EDITION_PHRASES
from aiprocure.render.phrases_verdicts import VERDICT_PHRASES

PHRASES: Final[dict[str, tuple[str, str]]] = {
    # key: (ja, en)
    # --- reports ---------------------------------------------------------------------------
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
    "review_not_required": ("高リスク判定: 非該当", "High-risk determination: not raised"),
    **VERDICT_PHRASES,  # the two verdicts of every headline: render/phrases_verdicts.py
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
    "waiver_scope": ("対象の一致", "matched by"),
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
    "disabled_rules": ("設定で無効にした項目", "Rules disabled by the configuration"),
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
    # --- conditions in words (render.condition) --------------------------------------------
    "cond.one_of": ("`{field}` が {values} のいずれか", "`{field}` is one of {values}"),
    "cond.all_in": ("`{field}` の全要素が {values} に含まれる", "every `{field}` is in {values}"),
    "cond.none_in": ("`{field}` のどの要素も {values} に含まれない", "no `{field}` is in {values}"),
    "cond.contains_all": ("`{field}` が {values} を全て含む", "`{field}` includes all of {values}"),
    "cond.present": ("`{field}` が回答されている", "`{field}` is answered"),
    "cond.non_empty": ("`{field}` に1件以上ある", "`{field}` lists at least one item"),
    "cond.matches": ("`{field}` が /{pattern}/ に一致", "`{field}` matches /{pattern}/"),
    "cond.all": ("全て満たす [{parts}]", "all of [{parts}]"),
    "cond.any": ("いずれかを満たす [{parts}]", "any of [{parts}]"),
    "cond.not": ("次を満たさない [{inner}]", "not [{inner}]"),
    # --- the rule catalogue (render.catalogue) ---------------------------------------------
    "catalogue.title": ("DS-920 ルールカタログ", "DS-920 rule catalogue"),
    "catalogue.generated": (
        "このファイルは読み込んだチェックリストから `python -m aiprocure.render.catalogue` で生成"
        "したものです。直接編集しないでください。",
        "Generated from the loaded checklists by `python -m aiprocure.render.catalogue`; "
        "do not edit by hand.",
    ),
    "catalogue.basis_intro": (
        "各ルールの「根拠の種類」は次のとおりです。DS-920 の各シートの項目本文は確認できていない"
        "ため、`guideline` はシートが扱う話題が確認できたものに限り、文言と水準は本ツールのもの"
        "です。",
        "Each rule's basis is one of the following. The item text of DS-920's sheets could not be "
        "confirmed, so `guideline` is used only where the sheets are confirmed to cover the topic; "
        "even there the wording and level are this tool's.",
    ),
    "catalogue.basis.guideline": (
        "ガイドライン本文（DS-920 のシートが扱う話題として確認済み）",
        "the guideline's own text (topic confirmed as covered by DS-920's sheets)",
    ),
    "catalogue.basis.official": (
        "他の公的資料（DS-920 以外の公的な文書・法令）",
        "another official source (an official document or law other than DS-920)",
    ),
    "catalogue.basis.tool": ("本ツールの判断", "this tool's judgement"),
    "catalogue.checklists": ("チェックリスト", "Checklists"),
    "catalogue.id": ("ID", "ID"),
    "catalogue.version": ("版", "Version"),
    "catalogue.guideline": ("対象ガイドライン", "Guideline edition"),
    "catalogue.summary": ("ルール数", "Rule counts"),
    "catalogue.pack_title": ("名称", "Title"),
    "catalogue.total": ("計", "Total"),
    "catalogue.rules": ("ルール", "Rules"),
    "catalogue.basis": ("根拠の種類", "Basis"),
    "catalogue.basis_note": ("根拠についての注記", "Note on the basis"),
    "catalogue.uses_params": ("使用するパラメータ", "Parameters used"),
    "catalogue.uses_lists": ("使用する値リスト", "Lists used"),
    "catalogue.evidence": ("根拠資料", "Evidence"),
    "catalogue.evidence_yes": (
        "必要（`{section}` の evidence）",
        "required (`evidence` of `{section}`)",
    ),
    "catalogue.evidence_no": ("不要", "not required"),
    "catalogue.remediation": ("対応策", "Remediation"),
    "catalogue.message": ("不適合時の表示", "Message on failure"),
    "catalogue.references": ("参照", "References"),
    "catalogue.parameters_intro": (
        "DS-920 が数値を定めていない閾値です。府省庁は自らのパックで `parameters:` を定義して"
        "上書きできます。",
        "Thresholds DS-920 leaves open. A ministry overrides them by defining `parameters:` in "
        "its own pack.",
    ),
    "catalogue.name": ("名前", "Name"),
    "catalogue.default": ("既定値", "Default"),
    "catalogue.unit": ("単位", "Unit"),
    "catalogue.description": ("説明", "Description"),
    "catalogue.lists": ("値リスト", "Named lists"),
    "catalogue.values": ("値", "Values"),
    "catalogue.high_risk": ("高リスク判定シート", "High-risk determination sheet"),
    "catalogue.aggregation": ("集計方法", "Aggregation"),
    "catalogue.level": ("区分", "Level"),
    "catalogue.label": ("内容", "Meaning"),
    "catalogue.high": ("高リスク側", "High side"),
    "catalogue.when": ("該当条件", "When"),
    "catalogue.yes": ("はい", "yes"),
    "catalogue.no": ("いいえ", "no"),
    "catalogue.jurisdictions": ("法域", "Jurisdictions"),
    "catalogue.jurisdictions_intro": (
        "区分 A の国に属する保有者は DS920-FA-011、区分 B は DS920-FA-012 の対象となり、"
        "区分 C は外国アクセスの指摘になりません。A・B の国は値リスト "
        "`@compelled_access_countries` にもなります。",
        "A holder under a grade A country is assessed by DS920-FA-011, grade B by DS920-FA-012; "
        "grade C gives no foreign-access finding. Grade A and B countries also form the list "
        "`@compelled_access_countries`.",
    ),
    "catalogue.country": ("国", "Country"),
    "catalogue.compelled": ("区分（提出強制の法制度）", "Grade (compelled access)"),
    "catalogue.laws": ("法令", "Laws"),
    "catalogue.sheet.procurement": ("調達チェックシート", "Procurement check sheet"),
    "catalogue.sheet.contract": ("契約チェックシート", "Contract check sheet"),
    "catalogue.sheet.high_risk": ("高リスク判定シート", "High-risk determination sheet"),
    "catalogue.sheet.custom": ("独自", "Custom"),
    # --- labels of a rule's facts: the catalogue and `explain` (render.ruleinfo) ---------------
    "rule.category": ("観点", "Category"),
    "rule.sheet": ("シート", "Sheet"),
    "rule.checks": ("判定条件", "Checks"),
    "rule.applies_if": ("適用条件", "Applies if"),
    "rule.evidence_required": ("根拠資料が必要", "Evidence required"),
    "rule.rationale": ("理由", "Rationale"),
    "rule.review_flag": ("不適合時は CAIO 確認対象", "A failure raises a CAIO review flag"),
    "rule.levels": ("区分", "Levels"),
    "rule.parameters": ("パラメータ", "Parameters"),
    **CAIO_PHRASES,  # caio.*: render/phrases_caio.py
    **CI_PHRASES,  # ci.*: render/phrases_ci.py
    **BATCH_PHRASES,  # batch.*: render/phrases_batch.py
    **CONDITION_PHRASES,  # acc.*, when.*, note.*, kind.*: render/phrases_conditions.py
    **EDITION_PHRASES,
    **HTML_PHRASES,  # html.*: render/phrases_html.py
}
