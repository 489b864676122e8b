"""The closed vocabularies of the declaration: a rule can reason about an enumeration, not about
free text. Values are the YAML spellings; adding one is a schema change."""

from enum import StrEnum


class Hosting(StrEnum):
    VENDOR_CLOUD = "vendor_cloud"
    THIRD_PARTY_CLOUD = "third_party_cloud"
    GOVERNMENT_CLOUD = "government_cloud"
    ON_PREMISES = "on_premises"
    MODEL_PROVIDER_API = "model_provider_api"  # 1.0 spelling of provider_api
    PROVIDER_API = "provider_api"  # the maker operates the endpoint (its own API)
    PLATFORM = "platform"  # a cloud / AI platform operates the endpoint (see Model.platform)


class UserRange(StrEnum):
    STAFF_ONLY = "staff_only"
    STAFF_AND_CONTRACTORS = "staff_and_contractors"
    OTHER_AGENCIES = "other_agencies"
    PUBLIC = "public"


class TaskNature(StrEnum):
    INTERNAL_SUPPORT = "internal_support"
    PUBLIC_INFORMATION = "public_information"
    POLICY_MAKING = "policy_making"
    RIGHTS_AND_OBLIGATIONS = "rights_and_obligations"
    SAFETY_CRITICAL = "safety_critical"


class DataClass(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"
    PERSONAL = "personal"
    SENSITIVE_PERSONAL = "sensitive_personal"


class GovDataClass(StrEnum):
    """The government's own data vocabulary (docs/verdicts.md section 8.1): the confidentiality
    classes of the unified standards (機密性1/2/3; 2 and 3 are 要機密情報) and the personal
    categories of the APPI and the My Number Act. A use lists every value that applies."""

    PUBLIC = "public"  # 公開情報
    CLASS1 = "class1"  # 機密性1情報
    CLASS2 = "class2"  # 機密性2情報 (要機密情報)
    CLASS3 = "class3"  # 機密性3情報 (要機密情報)
    PERSONAL = "personal"  # 個人情報
    SENSITIVE_PERSONAL = "sensitive_personal"  # 要配慮個人情報 (APPI Art. 2(3))
    MY_NUMBER = "my_number"  # 特定個人情報 (My Number Act Art. 2(8))


# The 1.0 vocabulary read as the government's: never a milder class than the legacy word allows.
# `internal` (non-public government documents) is normally 要機密情報 -> 機密性2; `confidential`
# (要機密情報 of unknown level) takes the worst case, 機密性3.
LEGACY_DATA_CLASS: dict[str, GovDataClass] = {
    "public": GovDataClass.PUBLIC,
    "internal": GovDataClass.CLASS2,
    "confidential": GovDataClass.CLASS3,
    "personal": GovDataClass.PERSONAL,
    "sensitive_personal": GovDataClass.SENSITIVE_PERSONAL,
}


class RetrievalKnowledgeBase(StrEnum):
    """Whether the system keeps a searchable store of government documents (LOCK-004)."""

    PERSISTENT = "persistent"
    SESSION_ONLY = "session_only"
    NONE = "none"


class EvaluationKind(StrEnum):
    BENCHMARK = "benchmark"
    TASK_SPECIFIC = "task_specific"
    HUMAN_EVAL = "human_eval"
    RED_TEAM = "red_team"


class StaffReview(StrEnum):
    ALL_OUTPUTS = "all_outputs"
    SAMPLED = "sampled"
    NONE = "none"


class TransferBasis(StrEnum):
    """The footing under APPI Art. 28 for providing personal data to a third party abroad."""

    CONSENT = "consent"
    EQUIVALENT_COUNTRY = "equivalent_country"
    EQUIVALENT_SYSTEM = "equivalent_system"
    NONE = "none"


class TrainingPolicy(StrEnum):
    NEVER = "never"
    OPT_IN = "opt_in"
    OPT_OUT = "opt_out"
    ALWAYS = "always"


class ExportContent(StrEnum):
    PROMPTS = "prompts"
    OUTPUTS = "outputs"
    LOGS = "logs"
    USER_DATA = "user_data"
    KNOWLEDGE_BASE = "knowledge_base"
    EMBEDDINGS = "embeddings"
    FINE_TUNED_MODELS = "fine_tuned_models"
    CONFIGURATION = "configuration"


class Ownership(StrEnum):
    CUSTOMER = "customer"
    VENDOR = "vendor"
    SHARED = "shared"
    UNSPECIFIED = "unspecified"


class IsmapStatus(StrEnum):
    ISMAP = "ismap"
    ISMAP_LIU = "ismap_liu"
    APPLYING = "applying"
    NONE = "none"


class KeyManagement(StrEnum):
    CUSTOMER_MANAGED = "customer_managed"
    VENDOR_MANAGED = "vendor_managed"


class Weights(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Environment(StrEnum):
    """Where the system runs (``deployment.environment``, docs/verdicts.md 7.6)."""

    GOVERNMENT_CLOUD = "government_cloud"
    VENDOR_CLOUD = "vendor_cloud"
    ON_PREMISES = "on_premises"
    PROVIDER_API = "provider_api"
    PLATFORM = "platform"


class AccountHolder(StrEnum):
    MINISTRY = "ministry"
    VENDOR = "vendor"


class CloudTerms(StrEnum):
    DIGITAL_AGENCY_GOVERNMENT_CLOUD = "digital_agency_government_cloud"
    VENDOR_TERMS = "vendor_terms"
    OTHER = "other"


class Role(StrEnum):
    """What an entity of the chain does (docs/verdicts.md 7.1)."""

    PLATFORM = "platform"
    MODEL_PROVIDER = "model_provider"
    HOSTING = "hosting"
    STORAGE = "storage"
    BACKUP = "backup"
    PROCESSING = "processing"
    LOGGING = "logging"
    SUPPORT = "support"
    MONITORING = "monitoring"
    OTHER = "other"


class Holding(StrEnum):
    """What an entity does with government data (possession, custody or control)."""

    STORE = "store"
    PROCESS = "process"
    BACKUP = "backup"
    LOG = "log"
    DECRYPT = "decrypt"


class KeyCustody(StrEnum):
    PROVIDER = "provider"
    CUSTOMER_KEY_IN_PROVIDER_KMS = "customer_key_in_provider_kms"
    EXTERNAL_HSM = "external_hsm"


class VendorKind(StrEnum):
    """Who provides the service (issue 12): a company, or a government body offering its own
    environment (e.g. the Digital Agency's). A government body has no parent company."""

    COMPANY = "company"
    GOVERNMENT_AGENCY = "government_agency"


class DisputeResolution(StrEnum):
    """How contract disputes are decided: a state court, or arbitration (its seat decides which
    country's courts supervise it and set an award aside)."""

    COURT = "court"
    ARBITRATION = "arbitration"


class ContractingBasis(StrEnum):
    """How the vendor's terms pick the company a customer contracts with."""

    FIXED = "fixed"  # one contracting entity for every customer
    CUSTOMER_BILLING_COUNTRY = "customer_billing_country"  # by the customer's billing country
