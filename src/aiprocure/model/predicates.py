"""What a checklist may call with ``predicate:``: each named predicate's arguments, the declaration
fields it reads, and what it means in both languages.

The implementations live in ``engine.predicates`` (one function per signature; a test checks both
ways that every signature has exactly one implementation and every implementation a signature).
Keeping the signatures here lets ``sources.crossref`` check a checklist's predicate calls without
importing the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiprocure.model.common import Text

DATA_LOCATION_FIELDS = (
    "data_locations.storage",
    "data_locations.processing",
    "data_locations.backup",
    "data_locations.logs",
)

# Arguments that name a country: validated as ``model.common.Country`` when a checklist is read.
COUNTRY_ARGUMENTS = frozenset({"home_country"})


CHAIN_FIELDS = ("sub_processors.entities", "vendor", "system.models", "foreign_law.subject_to")


@dataclass(frozen=True)
class PredicateSignature:
    name: str
    args: dict[str, type]  # allowed argument names and their types (every argument is optional)
    fields: tuple[str, ...]  # declaration fields it reads (for locations and messages)
    description: Text


def _sig(
    name: str, args: dict[str, type], fields: tuple[str, ...], ja: str, en: str
) -> tuple[str, PredicateSignature]:
    return name, PredicateSignature(name, args, fields, Text(ja=ja, en=en))


SIGNATURES: dict[str, PredicateSignature] = dict(
    [
        _sig(
            "no_foreign_access_data",
            {"home_country": str},
            ("data_locations", "sub_processors.entities"),
            "データの保存・処理・バックアップ・ログの場所と、顧客データに触れる再委託先のいずれも、"
            "政府への開示を強制する法が及ぶ国にない",
            "No place where data is stored, processed, backed up or logged, and no sub-processor "
            "that touches customer data, is under a jurisdiction whose law compels disclosure to "
            "its government",
        ),
        _sig(
            "no_foreign_access_control",
            {"home_country": str},
            ("vendor.country", "vendor.parent_company.country"),
            "事業者もその親会社もそのような法域に属さない（外国親会社の国内子会社には親会社の国の法"
            "が及ぶ）",
            "Neither the vendor nor its parent company is under such a jurisdiction (a domestic "
            "subsidiary of a foreign parent is reached by the parent's law)",
        ),
        _sig(
            "evaluated_in_language",
            {"language": str},
            ("quality.evaluations",),
            "申告された評価の少なくとも 1 つがその言語（既定は ja、multi も可）を対象にしている",
            "At least one declared evaluation covers the language (ja by default; multi counts)",
        ),
        _sig(
            "no_foreign_access_models",
            {"home_country": str},
            ("system.models",),
            "提供者自身の API で利用するモデル（hosting: model_provider_api）の提供者が、開示を強制"
            "する法が及ぶ国に属さない",
            "No model reached through its provider's own API (hosting: model_provider_api) belongs "
            "to a provider under a jurisdiction whose law compels disclosure",
        ),
        _sig(
            "no_grade_a_holder",
            {},
            CHAIN_FIELDS,
            "データを保有する主体（保存・処理・バックアップ・ログ・復号）のいずれも A 区分の法域に属さない",
            "No entity that holds the data (stores, processes, backs up, logs or can decrypt it) "
            "is under a grade A regime",
        ),
        _sig(
            "no_grade_b_holder",
            {},
            CHAIN_FIELDS,
            "データを保有する主体のいずれも B 区分の法域に属さない（政府クラウドの基準線と、"
            "外部 HSM で鍵を守る暗号文だけの保管は除く）",
            "No entity that holds the data is under a grade B regime (outside the Government "
            "Cloud baseline and ciphertext-only storage with keys in an external HSM)",
        ),
        _sig(
            "access_claims_hold",
            {},
            CHAIN_FIELDS,
            "「アクセスしない」という申告が役割と矛盾せず、A・B 区分の主体の申告には裏付け資料がある",
            'No "no access" claim contradicts the entity\'s role; claims by entities under a '
            "grade A or B regime carry evidence",
        ),
        _sig(
            "no_residual_exposure",
            {},
            CHAIN_FIELDS,
            "政府クラウドの基準線又は暗号文だけの保管として扱った B 区分の保有者がない",
            "No grade B holder is covered by the Government Cloud baseline or held as "
            "ciphertext only",
        ),
        _sig(
            "residual_exposure_possible",
            {},
            ("deployment.environment", "security.key_custody"),
            "政府クラウド上の構築か、外部 HSM で鍵を管理している",
            "The system is built in the Government Cloud or keeps its keys in an external HSM",
        ),
        _sig(
            "chain_complete",
            {},
            CHAIN_FIELDS,
            "データに関わる全ての主体について、役割・所在国・親会社の所在国・保有の内容が申告されている",
            "Every entity of the chain declares its role, country, parent country and what it "
            "holds",
        ),
        _sig(
            "foreign_holder_exists",
            {},
            CHAIN_FIELDS,
            "A 又は B 区分の法域に属する保有者がある",
            "Some entity that holds the data is under a grade A or B regime",
        ),
        _sig(
            "models_origin_declared",
            {},
            ("system.models",),
            "各モデルの重みの公開・非公開、動作場所、由来（提供者の国。公開重みは開発者の国と重みの"
            "ダイジェスト）が申告されている",
            "Each model declares its weights, where it runs and its origin (the maker's country; "
            "for open weights the developer's country and the digest of the weights)",
        ),
        _sig(
            "open_weights_of_grade_a_origin",
            {},
            ("system.models",),
            "A 区分の法域で開発された公開重みのモデルを使う",
            "Some model has open weights developed under a grade A regime",
        ),
        _sig(
            "origin_evaluated",
            {},
            ("system.models",),
            "A 区分の法域で開発された公開重みのモデルが、由来国の内容規制が出力に影響し得る話題で評価されている",
            "Every open-weight model of grade A origin has been evaluated on topics the origin "
            "country's content controls could shape",
        ),
        _sig(
            "certified",
            {"standard": str},
            ("security.certifications",),
            "申告された認証のいずれかが、識別子としてその規格と一致する（否定や計画中の記述は一致しない）",
            "One of the declared certifications is that standard, matched as an identifier (a negation or a plan does not match)",
        ),
        _sig(
            "open_export_formats",
            {},
            ("exit.exports",),
            "エクスポートできる内容の種類ごとに、その種類に合った公開形式（データ・文書・モデルの重み"
            "・埋め込み）が少なくとも 1 つある",
            "Each content type that can be exported leaves in at least one open format of its "
            "family (data, documents, model weights, embeddings)",
        ),
        _sig(
            "structured_evaluation",
            {},
            ("quality.evaluations",),
            "少なくとも 1 つの評価が種類・言語・実施日・結果を示している",
            "At least one evaluation states its kind, language, date and result",
        ),
        _sig(
            "effective_hallucination_control",
            {},
            ("quality.hallucination_controls",),
            "出力そのものに作用する対策（根拠付け・出典表示・回答の差し控え等）がある。免責表示や"
            "バナーは対策に数えない",
            "A control acting on the output itself (grounding, citations, abstention, ...) is "
            "listed; a disclaimer or banner does not count",
        ),
        _sig(
            "recent_evaluation",
            {"param": str},
            ("quality.evaluations", "declared_on", "system.models"),
            "申告されたモデルの版の最新の評価が、申告日から上限日数（パラメータ）以内に実施されている",
            "The newest evaluation of the declared model version is no older than the limit "
            "(a parameter) before the declaration date",
        ),
        _sig(
            "subprocessors_disclosed",
            {},
            ("sub_processors.entities",),
            "再委託先の一覧が示され（ない場合は空の一覧）、各社の役割・所在国・親会社の所在国が"
            "示されている",
            "The sub-processor list is given (an empty list if none), each with its role, country "
            "and parent company's country",
        ),
        _sig(
            "upstream_models_ismap",
            {},
            ("system.models",),
            "外部の API・プラットフォーム経由で利用するモデルが ISMAP 又は ISMAP-LIU に登録されて"
            "いる",
            "Every model reached through an external API or platform is on ISMAP or ISMAP-LIU",
        ),
        _sig(
            "open_weights_verified",
            {},
            ("system.models",),
            "公開重みのモデルごとに、重みの公開者・入手元・ライセンスが示され、動かしている重みの"
            "ダイジェストを公開者の示すダイジェストと照合して一致している",
            "Each open-weight model names who published the weights, where they were obtained and "
            "their licence, and the digest of the weights run matched the publisher's",
        ),
        _sig(
            "subprocessor_locations_declared",
            {},
            ("sub_processors.entities", "data_locations"),
            "各再委託先がデータを保有する国（locations）が、申告されたデータの所在国（システム"
            "データを含む）に含まれている",
            "Every country where a sub-processor holds data (its locations) is among the declared "
            "data locations (system data included)",
        ),
    ]
)
