"""The template's and the JSON Schema's notes (ja, en) for the security and contract sections
(``model.declaration_contract``); merged into ``declaration_notes.NOTES``."""

TERMS_NOTES: dict[str, tuple[str, str]] = {
    "security": ("セキュリティ", "security"),
    "security.ismap": ("ISMAP 登録状況", "ISMAP registration"),
    "security.ismap_registration_id": (
        "ISMAP 登録番号（例: C22-0001-1、ISMAP-LIU は L で始まる）",
        "ISMAP registration number (e.g. C22-0001-1; ISMAP-LIU starts with L)",
    ),
    "security.ismap_service_in_scope": (
        "提供するサービスそのものが登録の範囲内か（false: 登録されているのは動作基盤だけ）",
        "is the service offered itself inside the registration? (false: only its platform is)",
    ),
    "security.ismap_status_date": (
        "ISMAP の状況を確認した日（リストの抜粋の日付。申請中なら申請日）",
        "the date the ISMAP status was read (the list extract; for applying, the application)",
    ),
    "security.ismap_liu_assessment": (
        "ISMAP-LIU の場合、府省庁の業務・情報の影響度評価の結果（low / not_low）",
        "for ISMAP-LIU: the ministry's impact assessment (low / not_low)",
    ),
    "security.certifications": (
        "認証（例: ISO/IEC 27001）。一部だけを挙げる場合は 2.0 の complete: false を付ける",
        "certifications (e.g. ISO/IEC 27001); a partial list says complete: false (format 2.0)",
    ),
    "security.encryption_at_rest": ("保存時の暗号化", "encryption at rest"),
    "security.encryption_in_transit": ("通信の暗号化", "encryption in transit"),
    "security.key_management": ("暗号鍵の管理者", "who manages the keys"),
    "security.key_custody": (
        "復号できる者（external_hsm: 事業者の管理外の HSM）",
        "who can decrypt (external_hsm: an HSM outside the provider's control)",
    ),
    "contract": ("契約", "contract"),
    "contract.governing_law": ("準拠法の国", "country of governing law"),
    "contract.dispute_resolution": (
        "紛争の解決方法（court: 裁判所、arbitration: 仲裁）。裁判所を書けば court",
        "how disputes are decided (court or arbitration); a named court means court",
    ),
    "contract.court_country": ("管轄裁判所の国", "country of the agreed court"),
    "contract.court": ("管轄裁判所", "the agreed court"),
    "contract.arbitration_seat": (
        "仲裁地の国（仲裁の法的な所在地）",
        "the country of the arbitration's seat (its legal place)",
    ),
    "contract.arbitration_rules": (
        "仲裁機関の規則（例: JCAA, ICC, SIAC）",
        "the arbitration rules (e.g. JCAA, ICC, SIAC)",
    ),
    "contract.contracting_entity_basis": (
        "契約相手の決まり方（fixed: 一つに決まっている、customer_billing_country: 顧客の請求先の"
        "国で決まる。その場合 vendor には日本の請求先に対する契約相手を記入する）",
        "how the contracting company is picked (fixed, or customer_billing_country: then vendor "
        "is the company for a customer billed in Japan)",
    ),
}
