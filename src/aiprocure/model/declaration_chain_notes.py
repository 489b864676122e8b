"""The template's notes (ja, en) for the chain keys: deployment, each model, each sub-processor
(``aiprocure init`` shows them; docs/verdicts.md 7, 8.4)."""

CHAIN_NOTES: dict[str, tuple[str, str]] = {
    "deployment": (
        "システムを動かす環境と利用規約（政府クラウドの基準線）",
        "where the system runs and under whose terms (the Government Cloud baseline)",
    ),
    "deployment.environment": ("動作環境", "environment"),
    "deployment.account_holder": ("クラウド環境の契約者", "who holds the cloud account"),
    "deployment.terms": ("適用される利用規約", "the terms that apply"),
    "deployment.services_within_terms": (
        "利用する AI サービスがデジタル庁の政府クラウド契約の範囲内か",
        "are the AI services used inside the Digital Agency's Government Cloud contract?",
    ),
    "system.models.provider": ("モデルの提供者（開発元）", "the model's maker"),
    "system.models.name": ("モデル名", "model name"),
    "system.models.version": ("版", "version"),
    "system.models.provider_country": ("提供者の所在国", "the maker's country"),
    "system.models.provider_parent_country": (
        "提供者の最終親会社の所在国",
        "the maker's ultimate parent's country",
    ),
    "system.models.hosting": (
        "動作場所（provider_api: 提供者自身の API、platform: クラウド事業者の基盤）",
        "where it runs (provider_api: the maker's own API; platform: a cloud platform)",
    ),
    "system.models.weights": ("重みの公開・非公開", "open or closed weights"),
    "system.models.origin_country": (
        "公開重みの開発者の国",
        "for open weights: the developer's country",
    ),
    "system.models.weights_digest": (
        "動かしている公開重みのダイジェスト（例: sha256:...）",
        "digest of the open weights run (e.g. sha256:...)",
    ),
    "system.models.weights_publisher": (
        "公開重みの公開者（開発者、又は再配布・量子化・追加学習した者）",
        "for open weights: who published them (the developer, or who re-published, quantised "
        "or fine-tuned them)",
    ),
    "system.models.weights_source": (
        "公開重みの入手元（URL・レジストリ）",
        "for open weights: where they were obtained (URL or registry)",
    ),
    "system.models.weights_license": (
        "公開重みのライセンス（例: Apache-2.0）",
        "for open weights: the licence (e.g. Apache-2.0)",
    ),
    "system.models.weights_digest_verified": (
        "動かしている重みのダイジェストを公開者の示すものと照合し、一致したか",
        "was the digest of the weights run checked against the publisher's, and did it match?",
    ),
    "system.models.origin_evaluated": (
        "由来国の内容規制が影響し得る話題で出力を評価したか",
        "were outputs evaluated on topics the origin's content controls may shape?",
    ),
    "system.models.platform": (
        "モデルを動かす基盤 — 例 {name: ..., country: JP, parent_country: US}",
        "the platform running it — e.g. {name: ..., country: JP, parent_country: US}",
    ),
    "system.models.platform.name": ("基盤の事業者名", "the platform operator's name"),
    "system.models.platform.country": ("基盤の事業者の所在国", "the platform operator's country"),
    "system.models.platform.parent_country": (
        "基盤の事業者の最終親会社の所在国",
        "the platform operator's ultimate parent's country",
    ),
    "system.models.platform.corporate_number": ("基盤の事業者の法人番号", "its corporate number"),
    "system.models.maker_holds_data": (
        "基盤上で提供者がプロンプト・出力に触れ得るか（false には裏付け資料）",
        "can the maker reach prompts and outputs on the platform? (false needs evidence)",
    ),
    "system.models.ismap": ("モデル API の ISMAP 登録状況", "the model API's ISMAP status"),
    "system.models.ismap_registration_id": ("ISMAP 登録番号", "ISMAP registration number"),
    "system.models.evidence": ("裏付け資料", "evidence"),
    "sub_processors.entities.name": ("名称", "name"),
    "sub_processors.entities.corporate_number": ("法人番号", "corporate number"),
    "sub_processors.entities.country": (
        "国籍（本店所在国）。どの国の法が及ぶかを決める。データを保有する場所は locations",
        "nationality (country of incorporation): which laws reach it; where it holds data is "
        "locations",
    ),
    "sub_processors.entities.role": (
        "役割 — 次のいずれか: platform, model_provider, hosting, storage, backup, processing, "
        "logging, support, monitoring, other",
        "role — one of: platform, model_provider, hosting, storage, backup, processing, "
        "logging, support, monitoring, other",
    ),
    "sub_processors.entities.has_parent_company": ("親会社の有無", "has a parent company?"),
    "sub_processors.entities.parent_country": (
        "最終親会社の所在国",
        "the ultimate parent's country",
    ),
    "sub_processors.entities.locations": (
        "事業を行う場所: データを保有する国（データを保有する再委託先では省略すると未回答）",
        "where it operates: the countries where it holds data (left out: unanswered for a holder)",
    ),
    "sub_processors.entities.holds": (
        "保有の内容（[] は保有しない）",
        "what it holds ([] = nothing)",
    ),
    "sub_processors.entities.accesses_customer_data": (
        "1.0 の書き方（holds を使うこと）",
        "the 1.0 form (use holds)",
    ),
    "sub_processors.entities.foreign_law": (
        "服する外国法 — 例 {subject_to: [US CLOUD Act]}",
        "foreign laws it is subject to — e.g. {subject_to: [US CLOUD Act]}",
    ),
    "sub_processors.entities.foreign_law.subject_to": (
        "この再委託先に開示を強制し得る外国法",
        "foreign laws that can compel it to disclose",
    ),
    "sub_processors.entities.evidence": ("裏付け資料", "evidence"),
}
