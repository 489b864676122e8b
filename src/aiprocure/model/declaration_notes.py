"""The template's notes (ja, en) for each declaration key, the chain keys' included
(``aiprocure init`` shows them; re-exported by ``aiprocure.template``)."""

from aiprocure.model.declaration_chain_notes import CHAIN_NOTES
from aiprocure.model.declaration_terms_notes import TERMS_NOTES

NOTES: dict[str, tuple[str, str]] = {
    "declared_on": ("申告日（YYYY-MM-DD）", "date of this declaration (YYYY-MM-DD)"),
    "vendor": ("事業者", "the vendor"),
    "vendor.name": ("事業者名", "legal name"),
    "vendor.corporate_number": (
        "法人番号（13桁、引用符で囲む）",
        "13-digit Japanese corporate number, quoted",
    ),
    "vendor.country": (
        "本店所在国（ISO 3166-1 alpha-2、例: JP）",
        "country of incorporation (ISO 3166-1 alpha-2, e.g. JP)",
    ),
    "vendor.kind": (
        "提供者の種類（company: 企業、government_agency: 自らの環境を提供する行政機関。"
        "行政機関に親会社はない）",
        "the provider's kind (company, or government_agency: a government body offering its own "
        "environment; it has no parent company)",
    ),
    "vendor.has_parent_company": ("親会社の有無", "is the vendor controlled by another company?"),
    "vendor.parent_company": ("最終親会社", "ultimate parent company"),
    "vendor.parent_company.name": ("最終親会社の名称", "the ultimate parent's name"),
    "vendor.parent_company.country": ("最終親会社の所在国", "the ultimate parent's country"),
    "vendor.parent_country": (
        "最終親会社の所在国（親会社がなければ has_parent_company: false）",
        "the ultimate parent's country (or has_parent_company: false)",
    ),
    "system": ("提供するシステム", "the system offered"),
    "system.name": ("システム名", "system name"),
    "system.description": ("概要", "short description"),
    "system.models": (
        "利用する基盤モデル（外部 API 経由なら ismap に上流の ISMAP 登録状況）",
        "foundation models used (for an external API, its ISMAP status in ismap)",
    ),
    "deployment": ("システム全体の稼働環境", "where the system as a whole runs"),
    "deployment.environment": ("稼働環境（on_premises は ISMAP 対象外）", "on_premises: no ISMAP"),
    "use_case": (
        "利用形態（高リスク判定シートの観点）",
        "the use (the high-risk determination sheet's viewpoints)",
    ),
    "use_case.users": ("利用者範囲", "who uses the system"),
    "use_case.task": ("利用業務", "the task it serves"),
    "use_case.task_nature": ("業務の性格", "nature of the task"),
    "use_case.data_for_training": (
        "（旧形式。data.training を推奨）学習に使う行政データの区分",
        "(1.0 form; prefer data.training) classes of government data used for training",
    ),
    "use_case.data_for_retrieval": (
        "（旧形式。data.retrieval / data.prompts を推奨）検索・プロンプトに使う行政データの区分",
        "(1.0 form; prefer data.retrieval / data.prompts) classes used for retrieval or prompts",
    ),
    "use_case.data": (
        "用途ごとの行政データの区分（public=公開情報, class1=機密性1情報, class2=機密性2情報, "
        "class3=機密性3情報, personal=個人情報, sensitive_personal=要配慮個人情報, "
        "my_number=特定個人情報。該当するものを全て記入）",
        "classes of government data per use (public, class1=機密性1, class2=機密性2, "
        "class3=機密性3, personal=個人情報, sensitive_personal=要配慮個人情報, "
        "my_number=特定個人情報; list every one that applies)",
    ),
    "use_case.data.training": (
        "学習（追加学習・継続事前学習・アダプタ）に使うデータの区分",
        "classes used for training (fine-tuning, continued pre-training, adapters)",
    ),
    "use_case.data.retrieval": (
        "継続的に検索するナレッジベースに入れるデータの区分",
        "classes in a persistent knowledge base the system searches",
    ),
    "use_case.data.prompts": (
        "利用者が入力・添付するデータの区分",
        "classes users type or attach in a session",
    ),
    "use_case.retrieval_knowledge_base": (
        "検索用のナレッジベースを継続的に保持するか（persistent / session_only / none）",
        "is a retrieval knowledge base kept (persistent / session_only / none)?",
    ),
    "use_case.staff_review": ("出力結果を職員が確認するか", "do staff review the outputs?"),
    "data_locations": (
        "データの所在国（国コードの一覧）",
        "where data is held (lists of country codes)",
    ),
    "data_locations.storage": ("保存", "storage"),
    "data_locations.processing": ("処理（推論を含む）", "processing, including inference"),
    "data_locations.backup": ("バックアップ", "backups"),
    "data_locations.logs": ("ログ", "logs"),
    "data_locations.system_data": (
        "システムデータ（テレメトリ・不正利用の検知情報・サービスのメタデータ）の送信先の国。"
        "顧客データを選んだ地域に置いても地域外へ出ることがある",
        "where system data (telemetry, abuse signals, service metadata) may go, even when "
        "customer data stays in the chosen region",
    ),
    "data_locations.system_data_contains_content": (
        "システムデータに入力・出力の一部（顧客のコンテンツ）が含まれ得るか",
        "can system data carry customer content (excerpts of prompts or outputs)?",
    ),
    "data_locations.personal_data_transfer_basis": (
        "個人データを国外に提供する場合の個人情報保護法第28条の根拠（consent: 本人の同意、"
        "equivalent_country: 同等の制度の国、equivalent_system: 基準に適合する体制、none: なし）",
        "when personal data leaves Japan, the APPI Art. 28 basis (consent, equivalent_country, "
        "equivalent_system, none)",
    ),
    "sub_processors": ("再委託先", "sub-processors"),
    "sub_processors.entities": (
        "再委託先の一覧（ない場合は []。省略は未回答）",
        "list of sub-processors ([] if none; leaving it out is unanswered)",
    ),
    "sub_processors.change_notice_days": (
        "再委託先変更の事前通知日数",
        "days of notice before changing sub-processors",
    ),
    "sub_processors.customer_can_object": (
        "変更に異議を述べられるか",
        "can the customer object to a change?",
    ),
    "foreign_law": ("外国法による開示要求", "disclosure under foreign law"),
    "foreign_law.subject_to": (
        "開示を強制し得る外国法（例: US CLOUD Act）",
        "foreign laws that can compel disclosure (e.g. US CLOUD Act)",
    ),
    "foreign_law.notify_customer_of_requests": (
        "開示要求を顧客に通知するか",
        "are customers told of disclosure requests?",
    ),
    "foreign_law.challenge_requests": (
        "開示要求に異議を申し立てるか",
        "does the vendor challenge such requests?",
    ),
    "foreign_law.transparency_report": (
        "透明性レポートを公表しているか",
        "is a transparency report published?",
    ),
    "training_use": ("顧客データの学習利用", "use of customer data for training"),
    "training_use.customer_data": (
        "顧客データを学習に使うか",
        "is customer data used for training?",
    ),
    "training_use.service_improvement": (
        "サービス改善に使うか",
        "is it used for service improvement?",
    ),
    "training_use.human_review_of_customer_data": (
        "事業者の人員が顧客データを閲覧するか",
        "do vendor staff read customer data?",
    ),
    "retention": ("保存期間と削除", "retention and deletion"),
    "retention.prompt_days": ("プロンプトの保存日数", "days prompts are kept"),
    "retention.log_days": ("ログの保存日数", "days logs are kept"),
    "retention.deletion_on_termination": (
        "契約終了時に削除するか",
        "is data deleted at termination?",
    ),
    "retention.deletion_days_after_termination": (
        "終了後何日以内に削除するか",
        "days after termination until deletion",
    ),
    "retention.deletion_certificate": (
        "削除証明書を発行するか",
        "is a deletion certificate issued?",
    ),
    "exit": ("移行・解約（ロックイン対策）", "exit and portability (lock-in)"),
    "exit.export_formats": (
        "（旧形式。exports を推奨）エクスポート形式（例: JSON, CSV）",
        "(1.0 form; prefer exports) export formats (e.g. JSON, CSV)",
    ),
    "exit.export_contents": (
        "（旧形式。exports を推奨）エクスポートできる内容",
        "(1.0 form; prefer exports) what can be exported",
    ),
    "exit.exports": (
        "内容の種類ごとのエクスポート形式（種類ごとに公開形式を少なくとも 1 つ）",
        "export formats per content type (at least one open format for each)",
    ),
    "exit.exports.content": ("エクスポートできる内容の種類", "the content type exported"),
    "exit.exports.formats": (
        "その内容のエクスポート形式（例: JSONL, PDF）",
        "the formats it leaves in (e.g. JSONL, PDF)",
    ),
    "exit.standard_apis": ("標準的な API を提供するか", "are standard APIs offered?"),
    "exit.transition_support_months": ("移行支援の期間（月）", "months of transition support"),
    "exit.export_fee": ("エクスポートに費用がかかるか", "is there a fee for export?"),
    "ip": ("知的財産", "intellectual property"),
    "ip.output_ownership": ("出力の権利帰属", "who owns the outputs"),
    "ip.ip_indemnity": ("知的財産侵害の補償があるか", "is there an IP indemnity?"),
    "ip.training_data_provenance_disclosed": (
        "学習データの出所を開示しているか",
        "is training-data provenance disclosed?",
    ),
    "ip.copyright_filter": (
        "著作物の再現を抑止する仕組みがあるか",
        "is there a filter against reproducing copyrighted text?",
    ),
    "accountability": ("説明責任・監査", "accountability and audit"),
    "accountability.responsible_officer": ("責任者", "responsible officer"),
    "accountability.responsible_officer.name": ("責任者の氏名", "the officer's name"),
    "accountability.responsible_officer.title": ("役職", "the officer's title"),
    "accountability.responsible_officer.contact": (
        "連絡先（メールアドレス・電話番号）",
        "how to reach the officer (e-mail, telephone)",
    ),
    "accountability.logs_prompts_and_outputs": (
        "プロンプトと出力を記録するか",
        "are prompts and outputs logged?",
    ),
    "accountability.audit_rights": ("監査権を認めるか", "does the customer have audit rights?"),
    "accountability.incident_notification_hours": (
        "インシデント通知までの時間",
        "hours until an incident is reported",
    ),
    "accountability.model_change_notice_days": (
        "モデル変更の事前通知日数",
        "days of notice before a model change",
    ),
    "accountability.documentation": (
        "能力と限界を説明する文書があるか",
        "is there documentation of capabilities and limits?",
    ),
    "quality": ("頑健性・品質", "robustness and quality"),
    "quality.evaluations": (
        "実施した評価（種類・言語・対象のモデルの版・実施日・結果。日本語評価を含む）",
        "evaluations performed (kind, language, model version, date, result; incl. Japanese)",
    ),
    "quality.evaluations.name": ("評価の名称（例: JGLUE）", "the evaluation's name (e.g. JGLUE)"),
    "quality.evaluations.kind": ("評価の種類", "the kind of evaluation"),
    "quality.evaluations.language": (
        "評価した言語（ja, en, multi）",
        "the language (ja, en, multi)",
    ),
    "quality.evaluations.model_version": ("評価したモデルの版", "the model version evaluated"),
    "quality.evaluations.performed_on": ("実施日（YYYY-MM-DD）", "when it was run (YYYY-MM-DD)"),
    "quality.evaluations.result": ("結果", "the result"),
    "quality.red_teaming": ("レッドチーミングを実施したか", "was red-teaming done?"),
    "quality.red_team_third_party": ("第三者によるレッドチーミングか", "by a third party?"),
    "quality.hallucination_controls": (
        "ハルシネーション対策（grounding, citations, abstention, output_verification, "
        "constrained_generation, human_review_workflow。免責表示・バナーは対策に数えない）",
        "hallucination controls (grounding, citations, abstention, output_verification, "
        "constrained_generation, human_review_workflow; a disclaimer or banner does not count)",
    ),
    "quality.harmful_output_filter": ("有害出力のフィルタがあるか", "is harmful output filtered?"),
    "quality.bias_evaluation": ("バイアス評価を行ったか", "was bias evaluated?"),
    "quality.sla_availability_percent": ("SLA の稼働率（%）", "SLA availability (%)"),
}

NOTES.update(CHAIN_NOTES)
NOTES.update(TERMS_NOTES)
NOTES["schema_version"] = (
    '申告書の形式の版（"2.0"。"1.0" も読める）',
    'the format version ("2.0"; "1.0" is still read)',
)
